/*
 * A small reader of five-field cron expressions (minute hour day-of-month month day-of-week), for
 * the CUSTOM schedules Hex lists with each project, and the next time such an expression fires
 * in a time zone. It reads `*`, `?`, numbers, ranges `a-b`, steps (`a-b/n`, `a/n`, or `*` then
 * `/n`), lists, month and weekday names (JAN, MON) and the macros @hourly, @daily, @midnight, @weekly,
 * @monthly, @yearly and @annually. Day of month and day of week, when both are restricted, fire
 * on either (as cron does). Anything else (L, W, #, seconds or years fields, @reboot) is not read:
 * the caller then leaves that schedule to the rotation.
 */

import type { Timezone } from './timezones';

export interface CronSchedule {
	minutes: ReadonlySet<number>;
	hours: ReadonlySet<number>;
	days: ReadonlySet<number>;
	months: ReadonlySet<number>;
	weekdays: ReadonlySet<number>;
	/** Whether day of month and day of week were both restricted: either then fires. */
	eitherDay: boolean;
}

const MACROS: Record<string, string> = {
	'@hourly': '0 * * * *',
	'@daily': '0 0 * * *',
	'@midnight': '0 0 * * *',
	'@weekly': '0 0 * * 0',
	'@monthly': '0 0 1 * *',
	'@yearly': '0 0 1 1 *',
	'@annually': '0 0 1 1 *',
};

interface FieldRange {
	min: number;
	max: number;
	/** Names for the values from `min` on. */
	names?: string[];
}

const FIELDS: FieldRange[] = [
	{ min: 0, max: 59 },
	{ min: 0, max: 23 },
	{ min: 1, max: 31 },
	{ min: 1, max: 12, names: 'JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC'.split(' ') },
	// 7 is Sunday too.
	{ min: 0, max: 7, names: 'SUN MON TUE WED THU FRI SAT'.split(' ') },
];

const isWildcard = (text: string) => text === '*' || text === '?';

function readValue(text: string, field: FieldRange): number | undefined {
	if (/^\d{1,2}$/.test(text)) {
		const value = Number(text);
		return value >= field.min && value <= field.max ? value : undefined;
	}
	const index = field.names?.indexOf(text.toUpperCase()) ?? -1;
	return index >= 0 ? index + field.min : undefined;
}

/** The values one field allows, or undefined when the field cannot be read. */
function readField(text: string, field: FieldRange): Set<number> | undefined {
	const values = new Set<number>();
	for (const part of text.split(',')) {
		const match = /^([^/]+)(?:\/(\d{1,2}))?$/.exec(part);
		if (!match) return undefined;
		const [, range, stepText] = match;
		const step = stepText === undefined ? 1 : Number(stepText);
		if (step < 1) return undefined;
		const [start, end, extra] = range.split('-');
		if (extra !== undefined) return undefined;
		const wildcard = isWildcard(range);
		const from = wildcard ? field.min : readValue(start, field);
		// `*` and `a/n` run to the end of the field.
		const toEnd = wildcard || stepText !== undefined;
		const to = end !== undefined ? readValue(end, field) : toEnd ? field.max : from;
		if (from === undefined || to === undefined || from > to) return undefined;
		for (let value = from; value <= to; value += step) values.add(value);
	}
	return values;
}

/** The schedule a cron expression describes, or undefined when this reader cannot read it. */
export function readCron(expression: string): CronSchedule | undefined {
	const trimmed = expression.trim();
	const text = MACROS[trimmed.toLowerCase()] ?? trimmed;
	const parts = text.split(/\s+/);
	if (parts.length !== 5) return undefined;
	const [minutes, hours, days, months, weekdays] = parts.map((part, index) =>
		readField(part, FIELDS[index]),
	);
	if (!minutes || !hours || !days || !months || !weekdays) return undefined;
	if (weekdays.delete(7)) weekdays.add(0);
	const eitherDay = !isWildcard(parts[2]) && !isWildcard(parts[4]);
	return { minutes, hours, days, months, weekdays, eitherDay };
}

/** Whether a day (its wall-clock date, as a UTC date) is one the schedule fires on. */
function dayMatches(schedule: CronSchedule, day: Date): boolean {
	const byDate = schedule.days.has(day.getUTCDate());
	const byWeekday = schedule.weekdays.has(day.getUTCDay());
	return schedule.eitherDay ? byDate || byWeekday : byDate && byWeekday;
}

/** Jumps tried before giving up: far more than any readable expression needs within 5 years. */
const MAX_STEPS = 5000;
const MINUTE_MS = 60_000;

/**
 * The first time after `afterMs` (UTC, ms) at which the schedule fires in `zone`, or undefined if
 * it never does within about five years (e.g. 30 February).
 */
export function nextFire(
	schedule: CronSchedule,
	zone: Timezone,
	afterMs: number,
): number | undefined {
	// Wall-clock time in the zone, written as if it were UTC, so that Date's UTC getters read it.
	let local = Math.floor(zone.toLocal(afterMs) / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
	for (let step = 0; step < MAX_STEPS; step++) {
		const at = new Date(local);
		const [year, month, date] = [at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()];
		const [hour, minute] = [at.getUTCHours(), at.getUTCMinutes()];
		if (!schedule.months.has(month + 1)) {
			local = Date.UTC(year, month + 1, 1);
		} else if (!dayMatches(schedule, at)) {
			local = Date.UTC(year, month, date + 1);
		} else if (!schedule.hours.has(hour)) {
			local = Date.UTC(year, month, date, hour + 1);
		} else if (!schedule.minutes.has(minute)) {
			const later = [...schedule.minutes].filter((value) => value > minute);
			local = later.length
				? Date.UTC(year, month, date, hour, Math.min(...later))
				: Date.UTC(year, month, date, hour + 1);
		} else {
			const fire = zone.toUtc(local);
			if (fire > afterMs) return fire;
			// A wall-clock time repeated when clocks go back: take the next one.
			local += MINUTE_MS;
		}
	}
	return undefined;
}
