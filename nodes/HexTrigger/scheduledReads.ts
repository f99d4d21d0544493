import type { RunPoll } from './pollReads';
import { pollIsSpent, readIntoPoll } from './pollReads';
import type { WatchedProject } from './watchedProjects';

/**
 * Reads the due and awaited scheduled projects before the rotation, keeping at least one of the
 * poll's requests for the rotation so that it always moves on. False when Hex answered 429.
 */
export async function readScheduledFirst(
	poll: RunPoll,
	projects: WatchedProject[],
): Promise<boolean> {
	for (const project of projects) {
		if (poll.requests.used >= poll.settings.maxRequests - 1 || pollIsSpent(poll)) return true;
		if (!(await readIntoPoll(poll, project))) return false;
	}
	return true;
}
