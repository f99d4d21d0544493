/*
 * The time zones of Hex's schedules. Hex's spec and its answers give an ISO 8601 offset such as
 * `+05:30`; IANA names such as `Europe/Berlin` are read too (through Intl), so that a schedule
 * Hex or an older API version gives that way is not lost. Around a daylight saving change an
 * IANA zone's fire time can be off by the change: it only decides which project is read first.
 */

/** Converts between UTC and the zone's wall-clock time written as if it were UTC (both in ms). */
export interface Timezone {
	toLocal(utcMs: number): number;
	toUtc(localMs: number): number;
}

const MINUTE_MS = 60_000;

function fixedOffset(minutes: number): Timezone {
	return {
		toLocal: (utcMs) => utcMs + minutes * MINUTE_MS,
		toUtc: (localMs) => localMs - minutes * MINUTE_MS,
	};
}

// Read once per schedule: schedules.ts keeps each schedule it has read.
function ianaZone(name: string): Timezone | undefined {
	let format: Intl.DateTimeFormat;
	try {
		format = new Intl.DateTimeFormat('en-US', {
			timeZone: name,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
		});
	} catch {
		return undefined;
	}
	const toLocal = (utcMs: number) => {
		const parts: Record<string, number> = {};
		for (const part of format.formatToParts(utcMs)) parts[part.type] = Number(part.value);
		const { year, month, day, hour, minute, second } = parts;
		const ms = utcMs - Math.floor(utcMs / 1000) * 1000;
		return Date.UTC(year, month - 1, day, hour, minute, second, ms);
	};
	return {
		toLocal,
		// The offset at a first guess, then at the time that guess gives.
		toUtc: (localMs) => {
			const guess = localMs - (toLocal(localMs) - localMs);
			return localMs - (toLocal(guess) - guess);
		},
	};
}

/** The zone a Hex schedule names, or undefined when it cannot be read. */
export function readTimezone(designator: unknown): Timezone | undefined {
	if (typeof designator !== 'string') return undefined;
	const text = designator.trim();
	if (/^(?:Z|UTC|GMT)$/i.test(text)) return fixedOffset(0);
	const offset = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(text);
	if (offset) {
		const [, sign, hours, minutes = '0'] = offset;
		if (Number(hours) > 14 || Number(minutes) > 59) return undefined;
		return fixedOffset((sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes)));
	}
	return /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/.test(text) ? ianaZone(text) : undefined;
}
