import type { INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { RunPoll } from './pollReads';
import { pollDeadline, readProjects } from './pollReads';
import { PollRateLimited, PollRequests } from './requests';
import { endTime, FINISHED_STATUSES, toItems } from './runFields';
import { advanceFires, scheduledFirst, schedulesApply } from './scheduledProjects';
import { loadRunFinishedState, newRunFinishedState, saveState } from './state';
import { latestFinishedRun } from './testEvent';
import type { WatchedProject } from './watchedProjects';
import { refreshList, selectedProjects, startingList, watchedIn } from './watchedProjects';

/*
 * Run Finished: each poll finds the watched projects (the selection, or the stored project list
 * refreshed by one page), reads within Max Requests per Poll first the scheduled projects whose
 * run is due or awaited (scheduledProjects.ts), then the others in turn (pollReads.ts), and emits
 * the runs that finished since each project was last read (projectRuns.ts).
 */

/** Requests one poll may send unless the user says otherwise: a third of Hex's 30 a minute. */
export const DEFAULT_MAX_REQUESTS_PER_POLL = 10;

export type RunFinishedSettings = ReturnType<typeof readSettings>;

/** The Run Finished parameters, checked before anything is sent. */
function readSettings(context: IPollFunctions) {
	const statuses = (context.getNodeParameter('statuses', []) as string[]).filter((status) =>
		FINISHED_STATUSES.includes(status),
	);
	const maxRequests = context.getNodeParameter(
		'maxRequestsPerPoll',
		DEFAULT_MAX_REQUESTS_PER_POLL,
	) as unknown;
	if (typeof maxRequests !== 'number' || !Number.isInteger(maxRequests) || maxRequests < 1) {
		throw new NodeOperationError(
			context.getNode(),
			`The "Max Requests per Poll" parameter must be a whole number of at least 1, got ${JSON.stringify(maxRequests)}`,
			{
				description: `Hex allows about 30 requests a minute per token, shared by every workflow using it; ${DEFAULT_MAX_REQUESTS_PER_POLL} leaves most of that to them.`,
			},
		);
	}
	return {
		// None chosen means any terminal status.
		statuses: new Set(statuses.length ? statuses : FINISHED_STATUSES),
		allProjects: context.getNodeParameter('projectScope', 'all') === 'all',
		runTrigger: String(context.getNodeParameter('runTrigger', 'ALL')),
		maxRequests,
	};
}

export async function pollRunFinished(
	this: IPollFunctions,
): Promise<INodeExecutionData[][] | null> {
	return await pollOnce(this).catch(async (error: unknown) => {
		// Hex answered 429 before the poll read anything. Not a failure of the trigger: the poll
		// ends with nothing new and the state as it was, and the next poll carries on.
		if (error instanceof PollRateLimited) return null;
		throw error;
	});
}

async function pollOnce(context: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const startedAt = Date.now();
	const settings = readSettings(context);
	const requests = new PollRequests(context);
	if (context.getMode() === 'manual')
		return await latestFinishedRun({ context, settings, requests });

	const stored = loadRunFinishedState(context);
	// Another run-trigger filter makes the old cursors meaningless: start over as if just activated.
	const previous = stored?.runTrigger === settings.runTrigger ? stored : undefined;
	const next = newRunFinishedState(settings.runTrigger, startedAt);
	let projects: WatchedProject[];
	let first: WatchedProject[] = [];
	let listed = false;
	// Watched since the last poll: its runs that ended after that poll began are new.
	let since = previous?.polledAt;
	if (settings.allProjects) {
		const list = previous?.list ?? startingList(previous);
		// With a cap of 1 a list page leaves nothing for the runs: such polls alternate.
		listed = settings.maxRequests > 1 || list.listedLast !== true;
		const withSchedules = schedulesApply(settings.runTrigger);
		if (listed) await refreshList(context, requests, list, startedAt, withSchedules);
		if (withSchedules) {
			advanceFires(list, startedAt);
			first = scheduledFirst(list, previous?.polledAt);
		}
		if (listed) list.listedLast = true;
		else delete list.listedLast;
		next.list = list;
		projects = watchedIn(list);
		// Listed first in this pass: it was not there when the last pass read its page.
		since = list.lastPassAt ?? list.passAt ?? startedAt;
	} else {
		projects = selectedProjects(context);
	}
	for (const project of projects) {
		const cursor =
			previous?.projects[project.id] ??
			(previous && since !== undefined ? { w: since, at: [], open: [], since } : undefined);
		if (cursor) next.projects[project.id] = cursor;
	}

	const poll: RunPoll = {
		context,
		settings,
		requests,
		startedAt,
		deadline: pollDeadline(context, startedAt),
		listed,
		readIds: new Set(),
		next,
		found: [],
	};
	await readProjects(poll, first, projects, previous?.resume);
	// Projects a first poll did not get to: watch them from now on.
	for (const project of projects) {
		next.projects[project.id] ??= { w: startedAt, at: [], open: [], since: startedAt };
	}
	saveState(context, next);

	if (poll.found.length === 0) return null;
	const found = [...poll.found].sort((a, b) => (endTime(a.run) ?? 0) - (endTime(b.run) ?? 0));
	return [toItems(found)];
}
