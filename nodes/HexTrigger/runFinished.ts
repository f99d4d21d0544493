import type { INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import type { RunPoll } from './pollReads';
import { pollDeadline, readInTurn, readScheduledFirst } from './pollReads';
import { countedRequests, PollRateLimited } from './requests';
import { endTime, toItems } from './runFields';
import { readSettings } from './runFinishedSettings';
import { advanceFires, scheduledFirst, schedulesApply } from './scheduledProjects';
import type { RunFinishedState } from './state';
import { loadRunFinishedState, newRunFinishedState, saveState } from './state';
import { latestFinishedRun } from './testEvent';
import type { WatchedProject } from './watchedProjects';
import { refreshList, selectedProjects, startingList, watchedIn } from './watchedProjects';

/*
 * Run Finished: each poll finds the watched projects (the selection, or the stored project list
 * refreshed by one page), reads within Max Requests per Poll first the scheduled projects whose
 * run is due or awaited (scheduledProjects.ts), then the others in turn (rotation.ts), and emits
 * the runs that finished since each project was last read (projectRuns.ts).
 */

export async function pollRunFinished(
	this: IPollFunctions,
): Promise<INodeExecutionData[][] | null> {
	const outcome = await pollOnce(this).catch(async (error: unknown) => {
		if (error instanceof PollRateLimited) return error;
		throw error;
	});
	if (!(outcome instanceof PollRateLimited)) return outcome;
	if (this.getMode() === 'manual') throw outcome.hexError;
	return null;
}

async function pollOnce(context: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const startedAt = Date.now();
	const settings = readSettings(context);
	const requests = countedRequests(context);
	if (context.getMode() === 'manual')
		return await latestFinishedRun({ context, settings, requests });

	const stored = loadRunFinishedState(context);
	// Another run-trigger filter makes the old cursors meaningless: start over as if just activated.
	const previous: RunFinishedState | undefined =
		stored?.runTrigger === settings.runTrigger ? stored : undefined;
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
	if (await readScheduledFirst(poll, first)) await readInTurn(poll, projects, previous?.resume);
	else if (previous?.resume !== undefined) next.resume = previous.resume;
	// Projects a first poll did not get to: watch them from now on.
	for (const project of projects) {
		next.projects[project.id] ??= { w: startedAt, at: [], open: [], since: startedAt };
	}
	saveState(context, next);

	if (poll.found.length === 0) return null;
	const found = [...poll.found].sort((a, b) => (endTime(a.run) ?? 0) - (endTime(b.run) ?? 0));
	return [toItems(found)];
}
