import type { IDataObject } from 'n8n-workflow';

import { isUnfinished, runTime } from './runFields';
import { nextScheduledFire, scheduleSpecs } from './schedules';
import type { ListedProject, ProjectList } from './state';

/*
 * Schedule-aware reading (All Projects mode): the project list gives each project's schedules,
 * so the trigger knows when a scheduled run is about to start. A project whose schedule fired
 * is read first at every poll until its scheduled run shows up (due), and then at least every
 * other poll until that run has finished (awaited), so a scheduled run is emitted at the first or
 * second poll after it ends instead of when the rotation comes round. Every other poll is enough
 * for that and leaves half of those requests to the rotation, which reads everything else.
 */

/** Hex starts a scheduled run a few seconds after its time: a read at the fire finds nothing. */
const FIRE_DELAY_MS = 30_000;
/** How long after a fire a project is read first while its run has not shown up. */
const DUE_MS = 10 * 60_000;
/** How long a scheduled run seen unfinished keeps its project read first. */
const AWAITED_MS = 2 * 60 * 60_000;
/** Hex's clock and n8n's may differ a little: a scheduled run this much early still counts. */
const CLOCK_SLACK_MS = 60_000;
/** Fires looked through at once to find the last passed (a schedule every minute, a day down). */
const MAX_FIRES = 1500;

/** Scheduled runs only matter when the trigger watches them. */
export const schedulesApply = (runTrigger: string) =>
	runTrigger === 'ALL' || runTrigger === 'SCHEDULED';

/** The last fire in (fromMs, toMs], if any. */
function lastFireIn(specs: string[], fromMs: number, toMs: number): number | undefined {
	let last: number | undefined;
	let fire = nextScheduledFire(specs, fromMs);
	for (let count = 0; fire !== undefined && fire <= toMs && count < MAX_FIRES; count++) {
		last = fire;
		fire = nextScheduledFire(specs, fire);
	}
	return last;
}

/**
 * Stores the schedules a list page gives for a project. New or changed schedules start from now;
 * a fire within the last DUE_MS makes the project due at once (e.g. at the first activation).
 */
export function noteSchedules(entry: ListedProject, schedules: unknown, now: number): void {
	const specs = scheduleSpecs(schedules);
	if (specs.join('\n') === (entry.c ?? []).join('\n')) return;
	if (specs.length === 0) {
		delete entry.c;
		delete entry.n;
		delete entry.d;
		return;
	}
	entry.c = specs;
	const recent = lastFireIn(specs, now - DUE_MS, now - FIRE_DELAY_MS);
	if (recent !== undefined) entry.d = Math.max(entry.d ?? recent, recent);
	entry.n = nextScheduledFire(specs, now - FIRE_DELAY_MS);
}

/** Moves each schedule on to the poll's time: a fire that passed makes its project due. */
export function advanceFires(list: ProjectList, now: number): void {
	for (const entry of Object.values(list.projects)) {
		if (entry.d !== undefined && now - entry.d >= DUE_MS) delete entry.d;
		if (entry.a !== undefined && now - entry.a >= AWAITED_MS) delete entry.a;
		const passed = now - FIRE_DELAY_MS;
		if (!entry.c || entry.n === undefined || entry.n > passed) continue;
		entry.d = lastFireIn(entry.c, entry.n - 1, passed) ?? entry.n;
		entry.n = nextScheduledFire(entry.c, passed);
	}
}

/**
 * The projects to read before the rotation, the least recently read first: the due ones, and
 * the awaited ones not read at the last poll (which started at `lastPollAt`).
 */
export function scheduledFirst(list: ProjectList, lastPollAt: number | undefined) {
	const readLastPoll = (entry: ListedProject) =>
		lastPollAt !== undefined && entry.r !== undefined && entry.r >= lastPollAt;
	return Object.entries(list.projects)
		.filter(([, entry]) => entry.d !== undefined || (entry.a !== undefined && !readLastPoll(entry)))
		.sort(([idA, a], [idB, b]) => (a.r ?? 0) - (b.r ?? 0) || (idA < idB ? -1 : 1))
		.map(([id, { t }]) => ({ id, ...(t !== undefined ? { title: t } : {}) }));
}

/**
 * What a read of a project's runs tells about its schedule: a scheduled run that started since
 * the fire (or has not started yet) ends the wait for it, and one still unfinished keeps the
 * project awaited.
 */
export function noteScheduledRead(entry: ListedProject, runs: IDataObject[], now: number): void {
	if (!entry.c && entry.d === undefined && entry.a === undefined) return;
	entry.r = now;
	const scheduled = runs.filter((run) => run.runTrigger === 'SCHEDULED');
	const unfinished = scheduled.some(isUnfinished);
	const latest = Math.max(...scheduled.map((run) => runTime(run) ?? -Infinity));
	if (unfinished || (entry.d !== undefined && latest >= entry.d - CLOCK_SLACK_MS)) delete entry.d;
	if (unfinished) entry.a ??= now;
	else delete entry.a;
}
