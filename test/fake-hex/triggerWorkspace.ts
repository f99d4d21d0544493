// Workspaces and a clock for Hex Trigger tests and the trigger simulation in the bench: plain
// published projects, projects added while a trigger runs, and one clock for n8n and the fake.
import type { FakeHexState, Project } from './state';

/**
 * Makes every generated project a live, published project (no component, archived or trashed
 * one), so that ListProjects lists them all and the trigger watches them all. Schedules are
 * cleared: tests set the ones they need.
 */
export function publishEveryProject(state: FakeHexState): Project[] {
	for (const project of state.projects) {
		project.type = 'PROJECT';
		project.archivedAt = null;
		project.trashedAt = null;
		project.lastPublishedAt ??= project.lastEditedAt;
		project.schedules = [];
		if (!state.projectVersions.get(project.id)) state.projectVersions.set(project.id, 1);
	}
	return state.projects;
}

/**
 * A schedule as Hex lists it: the cadence's own field set, the others null. `fields` is not
 * checked, so tests can also give Hex's answers the trigger must refuse.
 */
export function hexSchedule(
	cadence: string,
	fields: Record<string, unknown> = {},
	enabled = true,
): Project['schedules'][number] {
	return {
		cadence,
		enabled,
		hourly: null,
		daily: null,
		weekly: null,
		monthly: null,
		custom: null,
		...fields,
	} as Project['schedules'][number];
}

/**
 * Removes every project's schedules: the generated ones fire at times taken from the real clock's
 * point of view, which tests about the rotation must not depend on.
 */
export function withoutSchedules(state: FakeHexState): void {
	for (const project of state.projects) project.schedules = [];
}

/** A project created and published now (n8n's clock), listed first like Hex's newest project. */
export function addPublishedProject(state: FakeHexState, title: string): Project {
	const template = state.projects[0];
	if (!template) throw new Error('the fake workspace has no project to copy');
	const now = new Date().toISOString();
	const project: Project = {
		...structuredClone(template),
		id: state.newId(),
		title,
		createdAt: now,
		lastEditedAt: now,
		lastPublishedAt: now,
		schedules: [],
	};
	state.projects.unshift(project);
	state.projectVersions.set(project.id, 1);
	state.projectCollections.set(project.id, []);
	state.queriedTables.set(project.id, []);
	return project;
}

/** Every fakeable API but Date: timers stay real, since the fake serves real HTTP. */
const REAL_TIMERS = [
	'hrtime',
	'nextTick',
	'performance',
	'queueMicrotask',
	'requestAnimationFrame',
	'cancelAnimationFrame',
	'requestIdleCallback',
	'cancelIdleCallback',
	'setImmediate',
	'clearImmediate',
	'setInterval',
	'clearInterval',
	'setTimeout',
	'clearTimeout',
] as const;

export interface SimulatedClock {
	now(): number;
	set(ms: number): void;
	advance(ms: number): void;
	/** Back to the real clock. */
	restore(): void;
}

/**
 * The time that Date tells the trigger, n8n-core and the fake: it stands still until the test
 * moves it, so nothing depends on how fast the machine runs.
 */
export function simulatedClock(startMs: number): SimulatedClock {
	jest.useFakeTimers({ doNotFake: [...REAL_TIMERS], now: startMs });
	return {
		now: () => Date.now(),
		set: (ms) => jest.setSystemTime(ms),
		advance: (ms) => jest.setSystemTime(Date.now() + ms),
		restore: () => jest.useRealTimers(),
	};
}
