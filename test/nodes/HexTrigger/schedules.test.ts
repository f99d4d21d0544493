import { nextFire, readCron } from '../../../nodes/HexTrigger/cron';
import { nextScheduledFire, scheduleSpecs } from '../../../nodes/HexTrigger/schedules';
import type { Timezone } from '../../../nodes/HexTrigger/timezones';
import { readTimezone } from '../../../nodes/HexTrigger/timezones';
import { hexSchedule } from '../../fake-hex/triggerWorkspace';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

function zone(designator: string): Timezone {
	const read = readTimezone(designator);
	if (!read) throw new Error(`test zone ${designator} not read`);
	return read;
}

/** The next fire of a cron expression in a zone after an instant, as an ISO string. */
function next(cron: string, designator: string, after: string): string | undefined {
	const schedule = readCron(cron);
	if (!schedule) throw new Error(`test expression ${cron} not read`);
	return iso(nextFire(schedule, zone(designator), at(after)));
}

/** The fires after an instant, as ISO strings. */
function fires(cron: string, designator: string, after: string, count: number): string[] {
	const out: string[] = [];
	let from = at(after);
	for (let index = 0; index < count; index++) {
		const schedule = readCron(cron);
		const fire = schedule ? nextFire(schedule, zone(designator), from) : undefined;
		if (fire === undefined) break;
		out.push(new Date(fire).toISOString());
		from = fire;
	}
	return out;
}

describe('cron reader: what it reads', () => {
	test.each([
		['*/15 * * * *', { minutes: [0, 15, 30, 45] }],
		['7-59/15 * * * *', { minutes: [7, 22, 37, 52] }],
		['5/20 * * * *', { minutes: [5, 25, 45] }],
		['0,30 8-10 * * *', { minutes: [0, 30], hours: [8, 9, 10] }],
		['0 0 1,15 * *', { days: [1, 15] }],
		['0 0 * JAN-MAR,dec *', { months: [1, 2, 3, 12] }],
		['0 9 * * MON-FRI', { weekdays: [1, 2, 3, 4, 5] }],
		['0 9 * * sun,7', { weekdays: [0] }],
		['0 9 ? * 6', { weekdays: [6], days: Array.from({ length: 31 }, (_, day) => day + 1) }],
		['  15   3 * * *  ', { minutes: [15], hours: [3] }],
		['@hourly', { minutes: [0], hours: Array.from({ length: 24 }, (_, hour) => hour) }],
		['@daily', { minutes: [0], hours: [0] }],
		['@midnight', { minutes: [0], hours: [0] }],
		['@weekly', { weekdays: [0] }],
		['@monthly', { days: [1] }],
		['@YEARLY', { days: [1], months: [1] }],
		['@annually', { days: [1], months: [1] }],
	])('%s', (expression, expected) => {
		const schedule = readCron(expression);
		expect(schedule).toBeDefined();
		for (const [field, values] of Object.entries(expected)) {
			const read = schedule?.[field as 'minutes'];
			expect([...(read ?? [])].sort((a, b) => a - b)).toEqual(values);
		}
	});

	test('day of month and day of week: either, when both are restricted', () => {
		expect(readCron('0 0 13 * 5')).toEqual(expect.objectContaining({ eitherDay: true }));
		expect(readCron('0 0 13 * *')).toEqual(expect.objectContaining({ eitherDay: false }));
		expect(readCron('0 0 * * 5')).toEqual(expect.objectContaining({ eitherDay: false }));
		expect(readCron('0 0 ? * 5')).toEqual(expect.objectContaining({ eitherDay: false }));
	});

	test.each([
		'',
		'* * * *',
		'0 0 12 * * *',
		'0 0 12 * * * 2026',
		'@reboot',
		'@every 5m',
		'0 12 L * *',
		'0 12 15W * *',
		'0 12 * * 3#1',
		'0 12 * * 5L',
		'60 * * * *',
		'* 24 * * *',
		'0 0 0 * *',
		'0 0 32 * *',
		'0 0 * 0 *',
		'0 0 * 13 *',
		'0 0 * * 8',
		'5-2 * * * *',
		'*/0 * * * *',
		'1-2-3 * * * *',
		'1,,2 * * * *',
		'a b c d e',
		'0 0 * FOO *',
		'-5 * * * *',
		'1.5 * * * *',
		'0 0 * * MON-',
	])('cannot read %j: left to the rotation', (expression) => {
		expect(readCron(expression)).toBeUndefined();
	});
});

describe('cron reader: next fire', () => {
	test('every 15 minutes: strictly after the instant given', () => {
		expect(next('*/15 * * * *', '+00:00', '2026-03-04T10:07:30.000Z')).toBe(
			'2026-03-04T10:15:00.000Z',
		);
		expect(next('*/15 * * * *', '+00:00', '2026-03-04T10:15:00.000Z')).toBe(
			'2026-03-04T10:30:00.000Z',
		);
		expect(next('*/15 * * * *', '+00:00', '2026-03-04T23:59:59.999Z')).toBe(
			'2026-03-05T00:00:00.000Z',
		);
	});

	test('offsets with minutes: hourly at :00 in +05:30 fires at :30 UTC', () => {
		expect(fires('0 * * * *', '+05:30', '2026-03-04T10:00:00.000Z', 3)).toEqual([
			'2026-03-04T10:30:00.000Z',
			'2026-03-04T11:30:00.000Z',
			'2026-03-04T12:30:00.000Z',
		]);
		expect(next('0 9 * * *', '+05:30', '2026-03-04T00:00:00.000Z')).toBe(
			'2026-03-04T03:30:00.000Z',
		);
		expect(next('45 3 * * *', '-09:30', '2026-03-04T00:00:00.000Z')).toBe(
			'2026-03-04T13:15:00.000Z',
		);
	});

	test('a local day other than the UTC day', () => {
		// 23:00 at -04:00 is 03:00 UTC the next day; 01:00 at +09:00 is 16:00 UTC the day before.
		expect(next('0 23 * * *', '-04:00', '2026-03-04T04:00:00.000Z')).toBe(
			'2026-03-05T03:00:00.000Z',
		);
		expect(next('0 1 * * *', '+09:00', '2026-03-04T00:00:00.000Z')).toBe(
			'2026-03-04T16:00:00.000Z',
		);
		// Wednesday 07:00 at +05:30 is Wednesday 01:30 UTC.
		expect(next('0 7 * * 3', '+05:30', '2026-03-03T12:00:00.000Z')).toBe(
			'2026-03-04T01:30:00.000Z',
		);
		// The 3rd at 22:00 at -05:00 is the 4th at 03:00 UTC.
		expect(next('0 22 3 * *', '-05:00', '2026-03-01T00:00:00.000Z')).toBe(
			'2026-03-04T03:00:00.000Z',
		);
	});

	test('weekdays, months and either day', () => {
		expect(fires('0,30 8-9 * * MON-FRI', '+00:00', '2026-03-06T09:15:00.000Z', 4)).toEqual([
			'2026-03-06T09:30:00.000Z',
			'2026-03-09T08:00:00.000Z',
			'2026-03-09T08:30:00.000Z',
			'2026-03-09T09:00:00.000Z',
		]);
		// The 13th or a Friday: Friday 6th, Friday 13th, Friday 20th.
		expect(fires('0 0 13 * 5', '+00:00', '2026-03-04T00:00:00.000Z', 3)).toEqual([
			'2026-03-06T00:00:00.000Z',
			'2026-03-13T00:00:00.000Z',
			'2026-03-20T00:00:00.000Z',
		]);
		expect(next('0 0 1 1 *', '+00:00', '2026-12-31T23:59:00.000Z')).toBe(
			'2027-01-01T00:00:00.000Z',
		);
		expect(next('0 0 31 * *', '+00:00', '2026-04-01T00:00:00.000Z')).toBe(
			'2026-05-31T00:00:00.000Z',
		);
		expect(next('0 0 29 2 *', '+00:00', '2026-03-01T00:00:00.000Z')).toBe(
			'2028-02-29T00:00:00.000Z',
		);
	});

	test('an expression that never fires gives no time', () => {
		expect(next('0 0 30 2 *', '+00:00', '2026-03-01T00:00:00.000Z')).toBeUndefined();
		expect(next('0 0 31 4 *', '+00:00', '2026-03-01T00:00:00.000Z')).toBeUndefined();
	});

	test('IANA names: the offset of the day, daylight saving included', () => {
		// Berlin: +01:00 in winter, +02:00 from 29 March 2026.
		expect(next('0 8 * * *', 'Europe/Berlin', '2026-03-04T00:00:00.000Z')).toBe(
			'2026-03-04T07:00:00.000Z',
		);
		expect(next('0 8 * * *', 'Europe/Berlin', '2026-07-01T00:00:00.000Z')).toBe(
			'2026-07-01T06:00:00.000Z',
		);
		expect(next('30 2 * * *', 'America/New_York', '2026-03-04T00:00:00.000Z')).toBe(
			'2026-03-04T07:30:00.000Z',
		);
		expect(next('0 9 * * *', 'Asia/Kolkata', '2026-03-04T00:00:00.000Z')).toBe(
			'2026-03-04T03:30:00.000Z',
		);
		// 02:30 does not exist in Berlin on 29 March: some time that day, after the instant given.
		const gap = at(next('30 2 * * *', 'Europe/Berlin', '2026-03-28T12:00:00.000Z') ?? '');
		expect(gap).toBeGreaterThan(at('2026-03-28T12:00:00.000Z'));
		expect(gap).toBeLessThan(at('2026-03-29T03:00:00.000Z'));
	});
});

describe('time zones', () => {
	test.each([
		['+05:30', 330],
		['-04:00', -240],
		['+0530', 330],
		['+05', 300],
		['-9:30', -570],
		['Z', 0],
		['UTC', 0],
		['gmt', 0],
		['UTC+02:00', 120],
		['+14:00', 840],
		['Europe/Berlin', 60],
		['Asia/Tokyo', 540],
	])('%s', (designator, minutes) => {
		const utc = at('2026-03-04T12:00:00.000Z');
		expect(zone(designator).toLocal(utc) - utc).toBe(minutes * 60_000);
		expect(zone(designator).toUtc(utc + minutes * 60_000)).toBe(utc);
	});

	test.each([
		'',
		'+15:00',
		'+05:60',
		'05:30',
		'Mars/Olympus_Mons',
		'Europe/../Berlin',
		'not a zone',
	])('cannot read %j', (designator) => {
		expect(readTimezone(designator)).toBeUndefined();
	});

	test('only text is a time zone', () => {
		expect(readTimezone(330)).toBeUndefined();
		expect(readTimezone(null)).toBeUndefined();
	});
});

describe("Hex's schedules", () => {
	test('the five cadences become cron expressions with their time zone', () => {
		expect(
			scheduleSpecs([
				hexSchedule('HOURLY', { hourly: { minute: 5, timezone: '+05:30' } }),
				hexSchedule('DAILY', { daily: { hour: 9, minute: 0, timezone: '+05:30' } }),
				hexSchedule('WEEKLY', {
					weekly: { dayOfWeek: 'WEDNESDAY', hour: 7, minute: 30, timezone: '-04:00' },
				}),
				hexSchedule('MONTHLY', { monthly: { day: 28, hour: 23, minute: 59, timezone: 'Z' } }),
				hexSchedule('CUSTOM', { custom: { cron: ' */15 * * * * ', timezone: 'Europe/Berlin' } }),
			]),
		).toEqual([
			'*/15 * * * *|Europe/Berlin',
			'0 9 * * *|+05:30',
			'30 7 * * 3|-04:00',
			'5 * * * *|+05:30',
			'59 23 28 * *|Z',
		]);
	});

	test('disabled, unreadable and malformed schedules are left to the rotation', () => {
		expect(
			scheduleSpecs([
				hexSchedule('HOURLY', { hourly: { minute: 5, timezone: '+00:00' } }, false),
				hexSchedule('CUSTOM', { custom: { cron: '0 12 * * 3#1', timezone: '+00:00' } }),
				hexSchedule('CUSTOM', { custom: { cron: '0 12 * * *', timezone: 'Mars/Olympus_Mons' } }),
				hexSchedule('HOURLY', { hourly: { minute: 75, timezone: '+00:00' } }),
				hexSchedule('HOURLY', { hourly: { minute: 1.5, timezone: '+00:00' } }),
				hexSchedule('DAILY', { daily: { hour: 9, timezone: '+00:00' } }),
				hexSchedule('WEEKLY', {
					weekly: { dayOfWeek: 'FUNDAY', hour: 7, minute: 30, timezone: '+00:00' },
				}),
				hexSchedule('MONTHLY', { monthly: null }),
				hexSchedule('YEARLY', {}),
				hexSchedule('CUSTOM', { custom: { cron: 15, timezone: '+00:00' } }),
				hexSchedule('DAILY', { daily: { hour: 9, minute: 0, timezone: 530 } }),
				'not a schedule',
				null,
			]),
		).toEqual([]);
		expect(scheduleSpecs(undefined)).toEqual([]);
		expect(scheduleSpecs({ cadence: 'HOURLY' })).toEqual([]);
	});

	test('the same schedule twice is kept once', () => {
		const hourly = hexSchedule('HOURLY', { hourly: { minute: 5, timezone: '+00:00' } });
		expect(scheduleSpecs([hourly, hourly])).toEqual(['5 * * * *|+00:00']);
	});

	test('the next fire of a project is the first of its schedules', () => {
		const specs = ['5 * * * *|+00:00', '0 9 * * *|+05:30'];
		expect(iso(nextScheduledFire(specs, at('2026-03-04T03:10:00.000Z')))).toBe(
			'2026-03-04T03:30:00.000Z',
		);
		expect(iso(nextScheduledFire(specs, at('2026-03-04T03:30:00.000Z')))).toBe(
			'2026-03-04T04:05:00.000Z',
		);
		expect(nextScheduledFire([], 0)).toBeUndefined();
		expect(nextScheduledFire(['0 0 30 2 *|+00:00'], 0)).toBeUndefined();
	});
});
