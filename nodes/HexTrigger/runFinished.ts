import type { INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { countedRequests, pollDeadline } from './pollBudget';
import type { RunPoll } from './pollReads';
import { refreshList, startingList, watchedIn } from './projectList';
import { readInTurn } from './rotation';
import { endTime, toItems } from './runFields';
import { readSettings } from './runFinishedSettings';
import type { RunFinishedState } from './state';
import { loadState, newRunFinishedState, saveState } from './state';
import { latestFinishedRun } from './testEvent';
import type { WatchedProject } from './watchedProjects';
import { selectedProjects } from './watchedProjects';

/*
 * Run Finished: each poll finds the watched projects (the selection, or the stored project list
 * refreshed by one page), reads their runs in turn within Max Requests per Poll (rotation.ts,
 * projectRuns.ts) and emits the runs that finished since they were last read.
 */

export async function pollRunFinished(
	this: IPollFunctions,
): Promise<INodeExecutionData[][] | null> {
	const startedAt = Date.now();
	const settings = readSettings(this);
	const requests = countedRequests(this);
	if (this.getMode() === 'manual') return await latestFinishedRun(this, settings, requests);

	const stored = loadState(this, 'runFinished');
	// Another run-trigger filter makes the old cursors meaningless: start over as if just activated.
	const previous: RunFinishedState | undefined =
		stored?.runTrigger === settings.runTrigger ? stored : undefined;
	const next = newRunFinishedState(settings.runTrigger, startedAt);
	let projects: WatchedProject[];
	let listed = false;
	// Watched since the last poll: its runs that ended after that poll began are new.
	let since = previous?.polledAt;
	if (settings.allProjects) {
		const list = previous?.list ?? startingList(previous);
		// With a cap of 1 a list page leaves nothing for the runs: such polls alternate.
		listed = settings.maxRequests > 1 || list.listedLast !== true;
		if (listed) await refreshList(this, requests, list, startedAt);
		if (listed) list.listedLast = true;
		else delete list.listedLast;
		next.list = list;
		projects = watchedIn(list);
		// Listed first in this pass: it was not there when the last pass read its page.
		since = list.lastPassAt ?? list.passAt ?? startedAt;
	} else {
		projects = selectedProjects(this);
	}
	for (const project of projects) {
		const cursor =
			previous?.projects[project.id] ??
			(previous && since !== undefined ? { w: since, at: [], open: [], since } : undefined);
		if (cursor) next.projects[project.id] = cursor;
	}

	const poll: RunPoll = {
		context: this,
		settings,
		requests,
		deadline: pollDeadline(this, startedAt),
		listed,
		read: 0,
		next,
		found: [],
	};
	await readInTurn(poll, projects, previous?.resume);
	// Projects a first poll did not get to: watch them from now on.
	for (const project of projects) {
		next.projects[project.id] ??= { w: startedAt, at: [], open: [], since: startedAt };
	}
	saveState(this, next);

	if (poll.found.length === 0) return null;
	const found = [...poll.found].sort((a, b) => (endTime(a.run) ?? 0) - (endTime(b.run) ?? 0));
	return [toItems(found)];
}
