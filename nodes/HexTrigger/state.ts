import type { IDataObject, IPollFunctions } from 'n8n-workflow';

/*
 * What the trigger remembers between polls, in this node's static data, which n8n stores with the
 * workflow (so it survives restarts). Plain JSON and bounded: Run Finished keeps a cursor per
 * watched project (the others are dropped at every poll), typically one ID in all: about 120 bytes
 * per project, never more than about 8 KB; in All Projects mode also the project list (about 100
 * bytes more per project). New Project keeps one watermark.
 */

const STATE_KEY = 'hexTrigger';
const STATE_VERSION = 1;

/** Run IDs (or project IDs) kept that share the watermark's exact timestamp. */
const MAX_TIED_IDS = 100;
/**
 * Runs seen PENDING or RUNNING that are still awaited. Hex runs at most 25 kernels per user, so
 * this is rarely approached; past it the oldest awaited runs are forgotten and, if they finish
 * later, are not emitted.
 */
export const MAX_OPEN_IDS = 100;

/** The newest time seen (ms; null: none yet) and the IDs seen at that time (times can tie). */
export interface Watermark {
	w: number | null;
	at: string[];
}

/**
 * Where the trigger stands for one project's runs. A run's time is its start, or its end for a run
 * that never started.
 */
export interface ProjectCursor extends Watermark {
	/** IDs of runs seen PENDING or RUNNING, newest first: emitted once they are seen finished. */
	open: string[];
	/**
	 * Set for a project first watched after the first activation (newly published, or added to
	 * the selection): runs that ended after this time (n8n's clock, the previous poll's start) are
	 * new. Cleared once the project has been read.
	 */
	since?: number;
}

/** A project of the stored list: its title and the pass that last listed it published. */
export interface ListedProject {
	t?: string;
	s: number;
	/** Its enabled schedules that the trigger can read, as `<cron>|<time zone>` (schedules.ts). */
	c?: string[];
	/** When one of them fires next (ms). */
	n?: number;
	/** A fire time passed whose scheduled run has not been seen yet: the project is due. */
	d?: number;
	/** Since when a scheduled run of the project is seen unfinished (awaited). */
	a?: number;
	/** When the project's runs were last read (ms), so that due projects take turns. */
	r?: number;
}

/**
 * All Projects mode: the published projects, refreshed one page per poll (watchedProjects.ts). A
 * pass is one read of the whole list, from the first page to the last.
 */
export interface ProjectList {
	/** Cursor of the next page to read; none: the next poll starts a pass at the first page. */
	after?: string;
	/** Passes completed. */
	pass: number;
	/** When the current pass read its first page (n8n's clock, ms). */
	passAt?: number;
	/** When the previous pass read its first page. */
	lastPassAt?: number;
	projects: Record<string, ListedProject>;
	/** Whether the last poll read a list page (with Max Requests per Poll 1, polls alternate). */
	listedLast?: boolean;
}

export interface RunFinishedState {
	v: number;
	event: 'runFinished';
	/** The run-trigger filter the cursors were built with; another filter starts over. */
	runTrigger: string;
	/** Start of the last poll (n8n's clock, ms). */
	polledAt: number;
	projects: Record<string, ProjectCursor>;
	/** After a poll cut short (rate limit, time budget): the project the next poll starts with. */
	resume?: string;
	/** All Projects mode only. */
	list?: ProjectList;
}

/** Its watermark is the projects' creation time. */
interface NewProjectState extends Watermark {
	v: number;
	event: 'newProject';
}

type TriggerState = RunFinishedState | NewProjectState;

export const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const isTime = (value: unknown): value is number =>
	typeof value === 'number' && Number.isFinite(value);

const stringList = (value: unknown, max = Infinity): string[] =>
	Array.isArray(value)
		? value.filter((id): id is string => typeof id === 'string').slice(0, max)
		: [];

function readCursor(value: unknown): ProjectCursor | undefined {
	if (!isObject(value)) return undefined;
	return {
		w: isTime(value.w) ? value.w : null,
		at: stringList(value.at, MAX_TIED_IDS),
		open: stringList(value.open, MAX_OPEN_IDS),
		...(isTime(value.since) ? { since: value.since } : {}),
	};
}

function readListed(value: unknown): ListedProject | undefined {
	if (!isObject(value) || !isTime(value.s)) return undefined;
	const specs = stringList(value.c);
	return {
		...(typeof value.t === 'string' ? { t: value.t } : {}),
		s: value.s,
		...(specs.length ? { c: specs } : {}),
		...(isTime(value.n) ? { n: value.n } : {}),
		...(isTime(value.d) ? { d: value.d } : {}),
		...(isTime(value.a) ? { a: value.a } : {}),
		...(isTime(value.r) ? { r: value.r } : {}),
	};
}

/** The entries of a stored record that read well; the others are dropped. */
function readEntries<T>(value: unknown, read: (entry: unknown) => T | undefined) {
	const entries: Record<string, T> = {};
	for (const [key, entry] of Object.entries(isObject(value) ? value : {})) {
		const readEntry = read(entry);
		if (readEntry) entries[key] = readEntry;
	}
	return entries;
}

function readList(value: unknown): ProjectList | undefined {
	if (!isObject(value) || !isTime(value.pass)) return undefined;
	return {
		...(typeof value.after === 'string' && value.after !== '' ? { after: value.after } : {}),
		pass: value.pass,
		...(isTime(value.passAt) ? { passAt: value.passAt } : {}),
		...(isTime(value.lastPassAt) ? { lastPassAt: value.lastPassAt } : {}),
		projects: readEntries(value.projects, readListed),
		...(value.listedLast === true ? { listedLast: true } : {}),
	};
}

export function newRunFinishedState(runTrigger: string, polledAt: number): RunFinishedState {
	return { v: STATE_VERSION, event: 'runFinished', runTrigger, polledAt, projects: {} };
}

export function newProjectState(w: number | null, at: string[]): NewProjectState {
	return { v: STATE_VERSION, event: 'newProject', w, at: at.slice(0, MAX_TIED_IDS) };
}

/** The stored state if it is one of this event's; a JSON copy, as plain objects. */
function storedState(context: IPollFunctions, event: TriggerState['event']) {
	// n8n hands out its change-tracking proxies; the poll works on its own copy until it stores
	// the result in one assignment.
	const stored: unknown = JSON.parse(
		JSON.stringify(context.getWorkflowStaticData('node')[STATE_KEY] ?? null),
	);
	return isObject(stored) && stored.v === STATE_VERSION && stored.event === event
		? stored
		: undefined;
}

/** Run Finished's stored state; undefined before the first poll. */
export function loadRunFinishedState(context: IPollFunctions): RunFinishedState | undefined {
	const stored = storedState(context, 'runFinished');
	if (typeof stored?.runTrigger !== 'string' || !isTime(stored.polledAt)) return undefined;
	const state = newRunFinishedState(stored.runTrigger, stored.polledAt);
	state.projects = readEntries(stored.projects, readCursor);
	if (typeof stored.resume === 'string') state.resume = stored.resume;
	const list = readList(stored.list);
	if (list) state.list = list;
	return state;
}

/** New Project's stored state; undefined before the first poll. */
export function loadNewProjectState(context: IPollFunctions): NewProjectState | undefined {
	const stored = storedState(context, 'newProject');
	if (!stored) return undefined;
	return newProjectState(isTime(stored.w) ? stored.w : null, stringList(stored.at, MAX_TIED_IDS));
}

/** Stores the state in one assignment, so n8n notices the change and saves it. */
export function saveState(context: IPollFunctions, state: TriggerState): void {
	context.getWorkflowStaticData('node')[STATE_KEY] = state as unknown as IDataObject;
}

/** Milliseconds of an ISO timestamp, or null. */
export function timeOf(value: unknown): number | null {
	if (typeof value !== 'string' || value === '') return null;
	const ms = Date.parse(value);
	return Number.isNaN(ms) ? null : ms;
}

/** Whether the watermark covers an item: older, or as old and already seen. */
export const covers = (mark: Watermark, id: string, time: number) =>
	mark.w !== null && (time < mark.w || (time === mark.w && mark.at.includes(id)));

/**
 * The newest time among `items` and the IDs that carry it, merged with a previous watermark:
 * what a poll keeps so the next one recognises everything it has already seen.
 */
export function advanceWatermark(
	previous: Watermark,
	items: Array<{ id: string; time: number | null }>,
): Watermark {
	let w = previous.w;
	for (const item of items) {
		if (item.time !== null && (w === null || item.time > w)) w = item.time;
	}
	const at = new Set(w === previous.w ? previous.at : []);
	for (const item of items) {
		if (item.time !== null && item.time === w) at.add(item.id);
	}
	return { w, at: [...at].slice(0, MAX_TIED_IDS) };
}
