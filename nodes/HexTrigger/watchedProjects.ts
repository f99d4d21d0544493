import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { hexAnswerError } from '../Hex/shared/hexRequest';
import { hexIdValue, isHexId } from '../Hex/shared/pathParameters';
import type { HexProject, PollRequests } from './requests';
import { pageOf, pageQuery, PollRateLimited } from './requests';
import { noteSchedules } from './scheduledProjects';
import type { ListedProject, ProjectList, RunFinishedState } from './state';

/*
 * The projects a poll watches: the selection, or in All Projects mode the project list kept in the
 * state, refreshed one ListProjects page per poll so that listing never takes a poll past Max
 * Requests per Poll, however large the workspace.
 */

export interface WatchedProject {
	id: string;
	title?: string;
}

const watchedProject = (id: string, title: unknown): WatchedProject => ({
	id,
	...(typeof title === 'string' ? { title } : {}),
});

/** Selected Projects mode: the IDs under "Projects", checked before anything is sent. */
export function selectedProjects(context: IPollFunctions): WatchedProject[] {
	const entries = context.getNodeParameter('projects.project', []) as IDataObject[];
	const ids = new Set<string>();
	entries.forEach((_entry, index) => {
		const { id: value, badLink } = hexIdValue(
			'projectId',
			context.getNodeParameter(`projects.project[${index}].projectId`, ''),
		);
		const id = typeof value === 'string' ? value.trim() : '';
		if (!isHexId(id)) {
			throw new NodeOperationError(
				context.getNode(),
				`Project ${index + 1} under "Projects" is not a Hex project ID: ${JSON.stringify(badLink ?? value)}`,
				{ description: 'Pick the project from the list, or paste its link or its ID.' },
			);
		}
		ids.add(id.toLowerCase());
	});
	if (ids.size === 0) {
		throw new NodeOperationError(context.getNode(), 'No project selected', {
			description: 'Add at least one project under "Projects", or watch all projects.',
		});
	}
	return [...ids].map((id) => ({ id }));
}

/**
 * All Projects mode watches the published projects of each ListProjects page. Unpublished ones
 * are left out: they cannot be run through the API or on a schedule, and Hex refuses to list
 * their runs (422).
 */
const isPublished = (project: HexProject) =>
	project.lastPublishedAt !== null && project.lastPublishedAt !== undefined;

export const publishedOn = (page: HexProject[]): WatchedProject[] =>
	page.filter(isPublished).map((project) => watchedProject(project.id, project.title));

/** The list to start from when none is stored: the projects already watched, if any. */
export function startingList(previous: RunFinishedState | undefined): ProjectList {
	const projects: ProjectList['projects'] = {};
	for (const id of Object.keys(previous?.projects ?? {})) projects[id] = { s: 0 };
	return { pass: 0, projects };
}

export const watchedIn = (list: ProjectList): WatchedProject[] =>
	Object.entries(list.projects).map(([id, { t }]) => watchedProject(id, t));

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
	const answer = await requests.ask('/v1/projects', pageQuery(list.after));
	if (!answer.ok) {
		// A stored cursor that Hex no longer takes: the next poll starts the pass again.
		if (answer.response.statusCode === 400 && list.after !== undefined) {
			delete list.after;
			return;
		}
		if (answer.response.statusCode === 429) throw new PollRateLimited();
		throw await hexAnswerError(context, answer.response);
	}
	const page = pageOf(answer.body, new Set(list.after ? [list.after] : []));
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
