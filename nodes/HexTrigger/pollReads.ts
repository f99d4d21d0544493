import type { IPollFunctions } from 'n8n-workflow';

import type { PollRequests } from './pollBudget';
import { baselineProject, readProject } from './projectRuns';
import { answerFailure } from './requests';
import type { FoundRun } from './runFields';
import { noteScheduledRead } from './scheduledProjects';
import type { RunFinishedSettings } from './runFinishedSettings';
import type { RunFinishedState } from './state';
import type { WatchedProject } from './watchedProjects';

/** One poll of Run Finished while it reads projects: its budget, the state it builds, its finds. */
export interface RunPoll {
	context: IPollFunctions;
	settings: RunFinishedSettings;
	requests: PollRequests;
	/** When the poll started (n8n's clock, ms). */
	startedAt: number;
	/** When the poll stops starting new projects (n8n's clock, ms). */
	deadline: number;
	/** Whether this poll read a page of the project list. */
	listed: boolean;
	/** Projects read so far (skipped ones included), and their IDs. */
	read: number;
	readIds: Set<string>;
	next: RunFinishedState;
	found: FoundRun[];
}

/**
 * Whether the poll has to stop before reading another project. Unless a list page took the only
 * request, at least one project is read per poll, so the rotation always moves on.
 */
export function pollIsSpent(poll: RunPoll): boolean {
	const capped = poll.requests.used >= poll.settings.maxRequests && (poll.read > 0 || poll.listed);
	return capped || (poll.read > 0 && Date.now() >= poll.deadline);
}

/**
 * Reads one project's runs into the poll: its new cursor and its finished runs. False when Hex
 * answered 429: the poll stops there, keeping what it has read.
 */
export async function readIntoPoll(poll: RunPoll, project: WatchedProject): Promise<boolean> {
	const { context, requests, settings, next } = poll;
	const cursor = next.projects[project.id];
	const outcome = cursor
		? await readProject(context, requests, settings, project.id, cursor)
		: await baselineProject(context, requests, settings, project.id);
	if (outcome.kind === 'limited') {
		if (poll.read === 0) throw await answerFailure(context, outcome.response);
		return false;
	}
	poll.read += 1;
	poll.readIds.add(project.id);
	const listed = next.list?.projects[project.id];
	if (listed)
		noteScheduledRead(listed, outcome.kind === 'read' ? outcome.runs : [], poll.startedAt);
	if (outcome.kind === 'skipped') return true;
	next.projects[project.id] = outcome.cursor;
	// Listed newest first: reversed, runs that end at the same instant come out oldest first.
	for (const run of [...outcome.finished].reverse()) {
		if (settings.statuses.has(String(run.status))) poll.found.push({ run, title: project.title });
	}
	return true;
}
