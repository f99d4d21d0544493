import type { IPollFunctions } from 'n8n-workflow';

import type { PollRequests } from './pollBudget';
import { answerFailure, projectPage } from './requests';
import { noteSchedules } from './scheduledProjects';
import type { ListedProject, ProjectList, RunFinishedState } from './state';
import type { WatchedProject } from './watchedProjects';
import { isPublished } from './watchedProjects';

/*
 * All Projects mode keeps the project list in its state and reads one ListProjects page per
 * poll, so listing never takes a poll past Max Requests per Poll, however large the workspace.
 */

/** The list to start from when none is stored: the projects already watched, if any. */
export function startingList(previous: RunFinishedState | undefined): ProjectList {
	const projects: ProjectList['projects'] = {};
	for (const id of Object.keys(previous?.projects ?? {})) projects[id] = { s: 0 };
	return { pass: 0, projects };
}

export const watchedIn = (list: ProjectList): WatchedProject[] =>
	Object.entries(list.projects).map(([id, { t }]) => ({
		id,
		...(t !== undefined ? { title: t } : {}),
	}));

/**
 * Reads the next page of the project list into `list` (one request), with each project's
 * schedules when they matter. A pass over the whole list takes one poll per page; at its last
 * page, projects listed in neither this pass nor the one before are dropped (two passes: a page
 * can shift between reads and miss a project once).
 */
export async function refreshList(
	context: IPollFunctions,
	requests: PollRequests,
	list: ProjectList,
	startedAt: number,
	withSchedules: boolean,
): Promise<void> {
	requests.used += 1;
	const page = await projectPage(context, {}, list.after);
	if (!page.ok) {
		// A stored cursor that Hex no longer takes: the next poll starts the pass again.
		if (page.response.statusCode === 400 && list.after !== undefined) {
			delete list.after;
			return;
		}
		throw await answerFailure(context, page.response);
	}
	list.passAt ??= startedAt;
	for (const project of page.projects.filter(isPublished)) {
		const entry: ListedProject = { ...list.projects[project.id], s: list.pass };
		if (typeof project.title === 'string') entry.t = project.title;
		else delete entry.t;
		if (withSchedules) noteSchedules(entry, project.schedules, startedAt);
		list.projects[project.id] = entry;
	}
	if (page.after !== undefined) {
		list.after = page.after;
		return;
	}
	for (const [id, entry] of Object.entries(list.projects)) {
		if (entry.s < list.pass - 1) delete list.projects[id];
	}
	delete list.after;
	list.lastPassAt = list.passAt;
	delete list.passAt;
	list.pass += 1;
}
