import type { IDataObject } from 'n8n-workflow';

import type { CronSchedule } from './cron';
import { nextFire, readCron } from './cron';
import { isObject } from './state';
import type { Timezone } from './timezones';
import { readTimezone } from './timezones';

/*
 * The schedules ListProjects gives with each project, as cron expressions with a time zone: the
 * four fixed cadences become the cron expression they stand for, so one reader serves all five.
 * A schedule is kept as the text `<cron>|<time zone>` in the trigger's state.
 */

const WEEKDAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'];

const whole = (value: unknown): value is number => Number.isInteger(value);

/** A Hex schedule (ScheduleApiResource) as a cron expression and its time zone. */
function cronOf(schedule: IDataObject): { cron: string; timezone: unknown } | undefined {
	const { hourly, daily, weekly, monthly, custom } = schedule;
	switch (schedule.cadence) {
		case 'HOURLY':
			if (!isObject(hourly) || !whole(hourly.minute)) return undefined;
			return { cron: `${hourly.minute} * * * *`, timezone: hourly.timezone };
		case 'DAILY':
			if (!isObject(daily) || !whole(daily.minute) || !whole(daily.hour)) return undefined;
			return { cron: `${daily.minute} ${daily.hour} * * *`, timezone: daily.timezone };
		case 'WEEKLY': {
			if (!isObject(weekly) || !whole(weekly.minute) || !whole(weekly.hour)) return undefined;
			const weekday = WEEKDAYS.indexOf(String(weekly.dayOfWeek));
			if (weekday < 0) return undefined;
			return {
				cron: `${weekly.minute} ${weekly.hour} * * ${weekday}`,
				timezone: weekly.timezone,
			};
		}
		case 'MONTHLY':
			if (!isObject(monthly) || !whole(monthly.minute) || !whole(monthly.hour)) return undefined;
			if (!whole(monthly.day)) return undefined;
			return {
				cron: `${monthly.minute} ${monthly.hour} ${monthly.day} * *`,
				timezone: monthly.timezone,
			};
		case 'CUSTOM':
			if (!isObject(custom) || typeof custom.cron !== 'string') return undefined;
			return { cron: custom.cron.trim(), timezone: custom.timezone };
		default:
			return undefined;
	}
}

const readSchedules = new Map<string, { cron: CronSchedule; zone: Timezone } | undefined>();

/** A stored schedule, read once per process. */
function readSpec(spec: string) {
	if (readSchedules.has(spec)) return readSchedules.get(spec);
	const split = spec.lastIndexOf('|');
	const cron = readCron(spec.slice(0, split));
	const zone = readTimezone(spec.slice(split + 1));
	const read = split > 0 && cron && zone ? { cron, zone } : undefined;
	readSchedules.set(spec, read);
	return read;
}

/**
 * The enabled schedules of a listed project that this trigger can read, as stored text. A
 * schedule it cannot read (an unknown cadence, a cron expression or time zone it does not know)
 * is left out: that project's scheduled runs are then found by the rotation, like any run.
 */
export function scheduleSpecs(schedules: unknown): string[] {
	if (!Array.isArray(schedules)) return [];
	const specs = new Set<string>();
	for (const schedule of schedules) {
		if (!isObject(schedule) || schedule.enabled !== true) continue;
		const read = cronOf(schedule);
		if (!read || typeof read.timezone !== 'string') continue;
		const spec = `${read.cron}|${read.timezone.trim()}`;
		if (readSpec(spec)) specs.add(spec);
	}
	return [...specs].sort();
}

/** The first time after `afterMs` at which one of the schedules fires, if any does. */
export function nextScheduledFire(specs: string[], afterMs: number): number | undefined {
	let first: number | undefined;
	for (const spec of specs) {
		const read = readSpec(spec);
		const fire = read ? nextFire(read.cron, read.zone, afterMs) : undefined;
		if (fire !== undefined && (first === undefined || fire < first)) first = fire;
	}
	return first;
}
