import type {
	IDataObject,
	IN8nHttpFullResponse,
	INodeExecutionData,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { hexIdValue, isHexId } from '../Hex/shared/pathParameters';
import type { Answer, HexProject } from './requests';
import { answerError, getAnswer, PAGE_SIZE, projectPage } from './requests';
import type { ProjectCursor, ProjectList, RunFinishedState } from './state';
import {
	advanceWatermark,
	loadState,
	MAX_OPEN_IDS,
	newRunFinishedState,
	saveState,
	timeOf,
} from './state';

/*
 * Run Finished: Hex has no workspace-wide run list and no time filter, so every poll reads each
 * watched project's runs (GetProjectRuns, newest first, 100 per page) and compares them with
 * that project's cursor (see state.ts):
 *
 * - a run with a terminal status is emitted if it was awaited (seen unfinished before) or is
 *   newer than the watermark (its start time is later, or equal but its ID is not yet known);
 * - PENDING and RUNNING runs are remembered as awaited and emitted at the poll that sees them
 *   finished;
 * - pages are read until one reaches a run the cursor already covers, so any number of runs
 *   finished between polls is read; awaited runs that are no longer on those pages (more than a
 *   page of newer runs) are asked for one by one (GetRunStatus).
 *
 * A status outside Hex's spec is neither terminal nor awaited. Hex does not document the order
 * of GetProjectRuns; like other clients this assumes newest first, which the runs' times bear out.
 */

/** Terminal statuses in Hex's spec; anything else never counts as finished. */
export const FINISHED_STATUSES = ['COMPLETED', 'ERRORED', 'KILLED', 'UNABLE_TO_ALLOCATE_KERNEL'];
const UNFINISHED_STATUSES = ['PENDING', 'RUNNING'];

/**
 * In All Projects mode a project whose runs cannot be read is left out of this poll instead of
 * failing it: no access to its runs (403), deleted (404) or unpublished meanwhile (422).
 */
const SKIPPED_STATUSES = [403, 404, 422];

/** A poll stops starting new projects after this share of n8n's poll budget. */
const BUDGET_SHARE = 0.5;
const DEFAULT_POLL_BUDGET_MS = 5 * 60_000;

/** Requests one poll may send unless the user says otherwise: a third of Hex's 30 a minute. */
export const DEFAULT_MAX_REQUESTS_PER_POLL = 10;

interface Settings {
	statuses: Set<string>;
	allProjects: boolean;
	runTrigger: string;
	maxRequests: number;
}

/** Every request of a poll goes through one counter, so the poll can keep to its budget. */
interface PollRequests {
	used: number;
	ask: (url: string, qs?: IDataObject) => Promise<Answer>;
}

function countedRequests(context: IPollFunctions): PollRequests {
	const requests: PollRequests = {
		used: 0,
		ask: async (url, qs) => {
			requests.used += 1;
			return await getAnswer(context, url, qs);
		},
	};
	return requests;
}

interface WatchedProject {
	id: string;
	title?: string;
}

type Outcome =
	| { kind: 'read'; cursor: ProjectCursor; finished: IDataObject[] }
	| { kind: 'skipped' }
	| { kind: 'limited'; response: IN8nHttpFullResponse };

function readSettings(context: IPollFunctions): Settings {
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

function selectedProjects(context: IPollFunctions): WatchedProject[] {
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
 * The published projects of a ListProjects page. Unpublished projects are left out: they cannot be
 * run through the API or on a schedule, and Hex refuses to list their runs (422).
 */
function publishedOn(page: HexProject[]): WatchedProject[] {
	return page
		.filter((project) => project.lastPublishedAt !== null && project.lastPublishedAt !== undefined)
		.map((project) => ({
			id: project.id,
			...(typeof project.title === 'string' ? { title: project.title } : {}),
		}));
}

/** The list to start from when none is stored: the projects already watched, if any. */
function startingList(previous: RunFinishedState | undefined): ProjectList {
	const projects: ProjectList['projects'] = {};
	for (const id of Object.keys(previous?.projects ?? {})) projects[id] = { s: 0 };
	return { pass: 0, projects };
}

const watchedIn = (list: ProjectList): WatchedProject[] =>
	Object.entries(list.projects).map(([id, { t }]) => ({
		id,
		...(t !== undefined ? { title: t } : {}),
	}));

/**
 * Reads the next page of the project list into `list` (one request). A pass over the whole list
 * takes one poll per page; at its last page, projects listed in neither this pass nor the one
 * before are dropped (two passes: a page can shift between reads and miss a project once).
 */
async function refreshList(
	context: IPollFunctions,
	requests: PollRequests,
	list: ProjectList,
	startedAt: number,
): Promise<void> {
	requests.used += 1;
	const page = await projectPage(context, {}, list.after);
	if (!page.ok) {
		// A stored cursor that Hex no longer takes: the next poll starts the pass again.
		if (page.response.statusCode === 400 && list.after !== undefined) {
			delete list.after;
			return;
		}
		throw await answerError(context, page.response);
	}
	list.passAt ??= startedAt;
	for (const project of publishedOn(page.projects)) {
		list.projects[project.id] = {
			...(project.title !== undefined ? { t: project.title } : {}),
			s: list.pass,
		};
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

const runsUrl = (projectId: string) => `/v1/projects/${encodeURIComponent(projectId)}/runs`;
const runIdOf = (run: IDataObject) => (typeof run.runId === 'string' ? run.runId : '');
const isFinished = (run: IDataObject) => FINISHED_STATUSES.includes(String(run.status));
const isUnfinished = (run: IDataObject) => UNFINISHED_STATUSES.includes(String(run.status));
/** Where a run sits in time: its start, or its end for a run that never started. */
const runTime = (run: IDataObject) => timeOf(run.startTime) ?? timeOf(run.endTime);
const endTime = (run: IDataObject) => timeOf(run.endTime) ?? runTime(run);

function runsOf(body: IDataObject): IDataObject[] {
	const runs = Array.isArray(body.runs) ? (body.runs as unknown[]) : [];
	return runs.filter(
		(run): run is IDataObject =>
			typeof run === 'object' && run !== null && runIdOf(run as IDataObject) !== '',
	);
}

/** What a failed request means for the poll: wait (429), leave the project out, or fail. */
async function failure(
	context: IPollFunctions,
	settings: Settings,
	response: IN8nHttpFullResponse,
): Promise<Outcome> {
	if (response.statusCode === 429) return { kind: 'limited', response };
	if (settings.allProjects && SKIPPED_STATUSES.includes(response.statusCode)) {
		return { kind: 'skipped' };
	}
	throw await answerError(context, response);
}

/** First sight of a project at the first activation: note where it stands, emit nothing. */
async function baselineProject(
	context: IPollFunctions,
	requests: PollRequests,
	settings: Settings,
	projectId: string,
): Promise<Outcome> {
	const answer = await requests.ask(runsUrl(projectId), {
		limit: PAGE_SIZE,
		offset: 0,
		runTriggerFilter: settings.runTrigger,
	});
	if (!answer.ok) return await failure(context, settings, answer.response);
	const runs = runsOf(answer.body);
	const { w, at } = advanceWatermark(
		{ w: null, at: [] },
		runs.map((run) => ({ id: runIdOf(run), time: runTime(run) })),
	);
	const open = runs.filter(isUnfinished).map(runIdOf).slice(0, MAX_OPEN_IDS);
	return { kind: 'read', cursor: { w, at, open }, finished: [] };
}

/** Reads a project's runs back to where its cursor stands; returns what finished since. */
async function readProject(
	context: IPollFunctions,
	requests: PollRequests,
	settings: Settings,
	projectId: string,
	cursor: ProjectCursor,
): Promise<Outcome> {
	const awaited = new Set(cursor.open);
	const tied = new Set(cursor.at);
	const covered = (id: string, time: number | null) =>
		time !== null && cursor.w !== null && (time < cursor.w || (time === cursor.w && tied.has(id)));
	const isNew = (run: IDataObject, id: string) => {
		if (cursor.since !== undefined) return (endTime(run) ?? -Infinity) >= cursor.since;
		const time = runTime(run);
		// A finished run without any timestamp cannot be placed; it counts only when awaited.
		return time !== null && !covered(id, time);
	};

	const seen = new Map<string, IDataObject>();
	const finished: IDataObject[] = [];
	const open: string[] = [];
	const note = (run: IDataObject, id: string, isListed: boolean) => {
		if (isFinished(run)) {
			if (awaited.has(id) || (isListed && isNew(run, id))) finished.push(run);
		} else if (isUnfinished(run)) {
			open.push(id);
		}
	};

	for (let offset = 0; ; ) {
		const answer = await requests.ask(runsUrl(projectId), {
			limit: PAGE_SIZE,
			offset,
			runTriggerFilter: settings.runTrigger,
		});
		if (!answer.ok) return await failure(context, settings, answer.response);
		const runs = runsOf(answer.body);
		let reachedCovered = false;
		for (const run of runs) {
			const id = runIdOf(run);
			// Offsets shift when runs start meanwhile: a run can show up on two pages.
			if (seen.has(id)) continue;
			seen.set(id, run);
			note(run, id, true);
			if (!awaited.has(id) && covered(id, runTime(run))) reachedCovered = true;
		}
		if (reachedCovered || runs.length < PAGE_SIZE || !answer.body.nextPage) break;
		offset += runs.length;
	}

	// Awaited runs pushed off the pages read by more than a page of newer runs.
	for (const id of cursor.open) {
		if (seen.has(id)) continue;
		const answer = await requests.ask(`${runsUrl(projectId)}/${encodeURIComponent(id)}`);
		if (!answer.ok && answer.response.statusCode === 404) continue; // the run is gone
		if (!answer.ok) return await failure(context, settings, answer.response);
		note(answer.body, id, false);
	}

	const { w, at } = advanceWatermark(
		cursor,
		[...seen.entries()].map(([id, run]) => ({ id, time: runTime(run) })),
	);
	return {
		kind: 'read',
		cursor: { w, at, open: [...new Set(open)].slice(0, MAX_OPEN_IDS) },
		finished,
	};
}

/** Projects in ID order, starting where a poll that was cut short stopped. */
function inTurn(projects: WatchedProject[], resume: string | undefined): WatchedProject[] {
	const sorted = [...projects].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	const start = resume === undefined ? -1 : sorted.findIndex((project) => project.id >= resume);
	return start <= 0 ? sorted : [...sorted.slice(start), ...sorted.slice(0, start)];
}

function pollDeadline(context: IPollFunctions, startedAt: number): number {
	const budget =
		typeof context.getPollBudgetMs === 'function'
			? context.getPollBudgetMs()
			: DEFAULT_POLL_BUDGET_MS;
	return startedAt + budget * BUDGET_SHARE;
}

function toItems(runs: Array<{ run: IDataObject; title?: string }>): INodeExecutionData[] {
	return runs.map(({ run, title }) => ({
		json: { ...run, ...(title !== undefined ? { projectTitle: title } : {}) },
	}));
}

/**
 * The projects a test event may read: the selected ones; in All Projects mode the stored list,
 * most recently run first, or else the first page of the project list.
 */
async function testEventProjects(
	context: IPollFunctions,
	settings: Settings,
	requests: PollRequests,
): Promise<{ projects: WatchedProject[]; more: boolean }> {
	if (!settings.allProjects) return { projects: selectedProjects(context), more: false };
	const stored = loadState(context, 'runFinished');
	if (stored?.list && Object.keys(stored.list.projects).length > 0) {
		const newest = (id: string) => stored.projects[id]?.w ?? -Infinity;
		const projects = watchedIn(stored.list).sort((a, b) => newest(b.id) - newest(a.id));
		return { projects, more: false };
	}
	requests.used += 1;
	const page = await projectPage(context, {}, undefined);
	if (!page.ok) throw await answerError(context, page.response);
	return { projects: publishedOn(page.projects), more: page.after !== undefined };
}

/**
 * "Fetch Test Event": the most recent matching finished run of the projects that Max Requests per
 * Poll lets it read (a test shares the token's limit with the active workflows too); the stored
 * state is not touched.
 */
async function latestFinishedRun(
	context: IPollFunctions,
	settings: Settings,
	requests: PollRequests,
): Promise<INodeExecutionData[][] | null> {
	const { projects, more } = await testEventProjects(context, settings, requests);
	const [onlyStatus] = settings.statuses.size === 1 ? [...settings.statuses] : [];
	let latest: { run: IDataObject; title?: string; time: number } | undefined;
	let read = 0;
	for (const project of projects) {
		if (requests.used >= settings.maxRequests) {
			if (latest) break;
			throw new NodeOperationError(
				context.getNode(),
				`No matching finished run in the ${read} of ${more ? 'at least ' : ''}${projects.length} projects that "Max Requests per Poll" (${settings.maxRequests}) let the test read`,
				{
					description:
						'Raise Max Requests per Poll for the test, or watch Selected Projects. Once active, the trigger reads every project in turn.',
				},
			);
		}
		const answer = await requests.ask(runsUrl(project.id), {
			limit: PAGE_SIZE,
			offset: 0,
			runTriggerFilter: settings.runTrigger,
			...(onlyStatus ? { statusFilter: onlyStatus } : {}),
		});
		if (!answer.ok) {
			const outcome = await failure(context, settings, answer.response);
			if (outcome.kind === 'limited') {
				if (latest) break;
				throw await answerError(context, answer.response);
			}
			read += 1;
			continue;
		}
		read += 1;
		for (const run of runsOf(answer.body)) {
			if (!isFinished(run) || !settings.statuses.has(String(run.status))) continue;
			const time = endTime(run) ?? -Infinity;
			if (!latest || time > latest.time) latest = { run, title: project.title, time };
		}
	}
	return latest ? [toItems([latest])] : null;
}

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

	const deadline = pollDeadline(this, startedAt);
	const found: Array<{ run: IDataObject; title?: string }> = [];
	let read = 0;
	for (const project of inTurn(projects, previous?.resume)) {
		// Cut short (request or time budget, rate limit): keep what was read, go on from here next
		// time. Unless a list page took the only request, at least one project is read per poll,
		// so the rotation always moves on.
		const capped = requests.used >= settings.maxRequests && (read > 0 || listed);
		if (capped || (read > 0 && Date.now() >= deadline)) {
			next.resume = project.id;
			break;
		}
		const cursor = next.projects[project.id];
		const outcome = cursor
			? await readProject(this, requests, settings, project.id, cursor)
			: await baselineProject(this, requests, settings, project.id);
		if (outcome.kind === 'limited') {
			if (read === 0) throw await answerError(this, outcome.response);
			next.resume = project.id;
			break;
		}
		read += 1;
		if (outcome.kind === 'skipped') continue;
		next.projects[project.id] = outcome.cursor;
		// Listed newest first: reversed, runs that end at the same instant come out oldest first.
		for (const run of [...outcome.finished].reverse()) {
			if (settings.statuses.has(String(run.status))) found.push({ run, title: project.title });
		}
	}
	// Projects a first poll did not get to: watch them from now on.
	for (const project of projects) {
		next.projects[project.id] ??= { w: startedAt, at: [], open: [], since: startedAt };
	}
	saveState(this, next);

	if (found.length === 0) return null;
	found.sort((a, b) => (endTime(a.run) ?? 0) - (endTime(b.run) ?? 0));
	return [toItems(found)];
}
