import type { IPollFunctions } from 'n8n-workflow';

import type { RunReader } from './projectRuns';
import { baselineProject, readProject } from './projectRuns';
import { PollRateLimited } from './requests';
import type { FoundRun } from './runFields';
import { noteScheduledRead } from './scheduledProjects';
import type { RunFinishedState } from './state';
import type { WatchedProject } from './watchedProjects';

/** A poll stops starting new projects after this share of n8n's poll budget. */
const BUDGET_SHARE = 0.5;
const DEFAULT_POLL_BUDGET_MS = 5 * 60_000;

/** One poll of Run Finished while it reads projects: its budget, the state it builds, its finds. */
export interface RunPoll extends RunReader {
	/** When the poll started (n8n's clock, ms). */
	startedAt: number;
	deadline: number;
	/** Whether this poll read a page of the project list. */
	listed: boolean;
	/** The projects read so far, skipped ones included. */
	readIds: Set<string>;
	next: RunFinishedState;
	found: FoundRun[];
}

/** When a poll that started at `startedAt` stops starting new projects (n8n's clock, ms). */
export function pollDeadline(context: IPollFunctions, startedAt: number): number {
	const budget =
		typeof context.getPollBudgetMs === 'function'
			? context.getPollBudgetMs()
			: DEFAULT_POLL_BUDGET_MS;
	return startedAt + budget * BUDGET_SHARE;
}

/**
 * Whether the poll has to stop before reading another project. Unless a list page took the only
 * request, at least one project is read per poll, so the rotation always moves on.
 */
function pollIsSpent(poll: RunPoll): boolean {
	const read = poll.readIds.size > 0;
	const capped = poll.requests.used >= poll.settings.maxRequests && (read || poll.listed);
	return capped || (read && Date.now() >= poll.deadline);
}

/**
 * Reads one project's runs into the poll: its new cursor and its finished runs. False when Hex
 * answered 429: the poll stops there, keeping what it has read.
 */
async function readIntoPoll(poll: RunPoll, project: WatchedProject): Promise<boolean> {
	const { next, settings } = poll;
	const cursor = next.projects[project.id];
	const outcome = cursor
		? await readProject(poll, project.id, cursor)
		: await baselineProject(poll, project.id);
	if (outcome.kind === 'limited') {
		if (poll.readIds.size === 0) throw new PollRateLimited();
		return false;
	}
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

/** Projects in ID order, starting where a poll that was cut short stopped. */
function inTurn(projects: WatchedProject[], resume: string | undefined): WatchedProject[] {
	const sorted = [...projects].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	const start = resume === undefined ? -1 : sorted.findIndex((project) => project.id >= resume);
	return start <= 0 ? sorted : [...sorted.slice(start), ...sorted.slice(0, start)];
}

/**
 * Reads first the due and awaited scheduled projects (`first`), keeping at least one request for
 * the rotation so that it always moves on. Then a fair rotation: reads the projects in turn until
 * the poll's budget is spent, and notes where the next poll goes on (request or time budget, rate
 * limit). A project not read keeps its place.
 */
export async function readProjects(
	poll: RunPoll,
	first: WatchedProject[],
	projects: WatchedProject[],
	resume: string | undefined,
): Promise<void> {
	for (const project of first) {
		if (poll.requests.used >= poll.settings.maxRequests - 1 || pollIsSpent(poll)) break;
		if (!(await readIntoPoll(poll, project))) {
			if (resume !== undefined) poll.next.resume = resume;
			return;
		}
	}
	for (const project of inTurn(projects, resume)) {
		// Read first this poll (a scheduled project): its turn is done.
		if (poll.readIds.has(project.id)) continue;
		if (pollIsSpent(poll) || !(await readIntoPoll(poll, project))) {
			poll.next.resume = project.id;
			return;
		}
	}
}
