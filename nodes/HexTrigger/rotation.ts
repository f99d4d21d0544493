import type { RunPoll } from './pollReads';
import { pollIsSpent, readIntoPoll } from './pollReads';
import type { WatchedProject } from './watchedProjects';

/** Projects in ID order, starting where a poll that was cut short stopped. */
function inTurn(projects: WatchedProject[], resume: string | undefined): WatchedProject[] {
	const sorted = [...projects].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	const start = resume === undefined ? -1 : sorted.findIndex((project) => project.id >= resume);
	return start <= 0 ? sorted : [...sorted.slice(start), ...sorted.slice(0, start)];
}

/**
 * A fair rotation: reads the projects in turn until the poll's budget is spent, and notes where
 * the next poll goes on (request or time budget, rate limit). A project not read keeps its place.
 */
export async function readInTurn(
	poll: RunPoll,
	projects: WatchedProject[],
	resume: string | undefined,
): Promise<void> {
	for (const project of inTurn(projects, resume)) {
		// Read first this poll (a scheduled project): its turn is done.
		if (poll.readIds.has(project.id)) continue;
		if (pollIsSpent(poll) || !(await readIntoPoll(poll, project))) {
			poll.next.resume = project.id;
			return;
		}
	}
}
