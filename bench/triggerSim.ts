// The Hex Trigger's Run Finished over a simulated day, on an injected clock: a workspace of
// published projects, twenty of them scheduled, with API and app-refresh runs everywhere, polled
// every minute through n8n-core's PollContext against the fake Hex. Run twice with the same runs:
// once with the schedules hidden from ListProjects (today's rotation alone) and once with them
// (scheduled projects read first). Measures when each run is emitted after it ended.
import { startFakeHex } from '../test/fake-hex/server';
import type { Project, ProjectRun, TerminalRunStatus } from '../test/fake-hex/state';
import { Random } from '../test/fake-hex/random';
import {
	hexSchedule,
	publishEveryProject,
	simulatedClock,
} from '../test/fake-hex/triggerWorkspace';
import { TriggerWorkflow } from '../test/harness/poll';

export interface TriggerSimConfig {
	/** Simulated hours in which runs start. */
	hours: number;
	/** Polls go on this long after the last start, so that every run can be emitted. */
	drainMinutes: number;
	projects: number;
	published: number;
	maxRequestsPerPoll: number;
	apiRunsPerProjectPerDay: number;
	appRefreshRunsPerProjectPerDay: number;
	seed: number;
}

export type TriggerVariant = 'rotation' | 'schedule-aware';

export interface DelayFigures {
	runs: number;
	/** Minutes from a run's end to the poll that emitted it. */
	p50Minutes: number;
	p95Minutes: number;
	maxMinutes: number;
	/** Polls at or after the end up to the one that emitted it (1: the first poll after it ended). */
	maxPolls: number;
}

export interface TriggerVariantFigures {
	variant: TriggerVariant;
	polls: number;
	runsEnded: number;
	emitted: number;
	/** Runs emitted more than once, and ended runs never emitted. */
	duplicates: number;
	missing: number;
	requests: number;
	requestsPerHour: number;
	maxRequestsPerPoll: number;
	delays: {
		failedScheduled: DelayFigures;
		scheduled: DelayFigures;
		other: DelayFigures;
		all: DelayFigures;
	};
}

export interface TriggerFigures {
	date: string;
	config: TriggerSimConfig;
	scheduledProjects: number;
	scheduledRuns: number;
	failedScheduledRuns: number;
	otherRuns: number;
	variants: TriggerVariantFigures[];
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
/** A Wednesday, the 4th: the weekly and monthly schedules below fire on it. */
const DAY_START = Date.parse('2026-03-04T00:00:00.000Z');

/** UTC minutes of the day, every `step` minutes from `first`. */
const every = (step: number, first = 0) =>
	Array.from({ length: Math.ceil((1440 - first) / step) }, (_, index) => first + index * step);
const hourlyAt = (utcMinute: number) => every(60, utcMinute);
const at = (hh: number, mm: number) => [hh * 60 + mm];

/**
 * The twenty schedules, with the UTC minutes of 4 March 2026 at which Hex fires each, worked out
 * by hand from the offset (independently of the trigger's cron reader).
 */
const SCHEDULES: Array<{ schedule: Project['schedules']; utcMinutes: number[] }> = [
	{
		schedule: [hexSchedule('CUSTOM', { custom: { cron: '*/15 * * * *', timezone: '+00:00' } })],
		utcMinutes: every(15),
	},
	{
		schedule: [hexSchedule('CUSTOM', { custom: { cron: '*/15 * * * *', timezone: '+05:30' } })],
		utcMinutes: every(15),
	},
	{
		schedule: [hexSchedule('CUSTOM', { custom: { cron: '7-59/15 * * * *', timezone: '-04:00' } })],
		utcMinutes: every(15, 7),
	},
	// Berlin is at +01:00 on 4 March: 08:00–18:30 local is 07:00–17:30 UTC.
	{
		schedule: [
			hexSchedule('CUSTOM', {
				custom: { cron: '0,30 8-18 * * MON-FRI', timezone: 'Europe/Berlin' },
			}),
		],
		utcMinutes: every(30, 420).filter((minute) => minute <= 1050),
	},
	// Every even hour at :10 in Nepal (+05:45) is every even UTC hour at :25.
	{
		schedule: [hexSchedule('CUSTOM', { custom: { cron: '10 */2 * * *', timezone: '+05:45' } })],
		utcMinutes: every(120, 25),
	},
	{
		schedule: [hexSchedule('HOURLY', { hourly: { minute: 0, timezone: '+05:30' } })],
		utcMinutes: hourlyAt(30),
	},
	{
		schedule: [hexSchedule('HOURLY', { hourly: { minute: 12, timezone: '+00:00' } })],
		utcMinutes: hourlyAt(12),
	},
	{
		schedule: [hexSchedule('HOURLY', { hourly: { minute: 41, timezone: '-03:00' } })],
		utcMinutes: hourlyAt(41),
	},
	{
		schedule: [hexSchedule('HOURLY', { hourly: { minute: 55, timezone: '+09:00' } })],
		utcMinutes: hourlyAt(55),
	},
	{
		schedule: [hexSchedule('HOURLY', { hourly: { minute: 20, timezone: 'America/New_York' } })],
		utcMinutes: hourlyAt(20),
	},
	{
		schedule: [hexSchedule('DAILY', { daily: { hour: 9, minute: 0, timezone: '+05:30' } })],
		utcMinutes: at(3, 30),
	},
	{
		schedule: [hexSchedule('DAILY', { daily: { hour: 6, minute: 15, timezone: '-04:00' } })],
		utcMinutes: at(10, 15),
	},
	{
		schedule: [hexSchedule('DAILY', { daily: { hour: 23, minute: 45, timezone: '+09:00' } })],
		utcMinutes: at(14, 45),
	},
	{
		schedule: [
			hexSchedule('DAILY', { daily: { hour: 18, minute: 0, timezone: '+00:00' } }),
			// Disabled: Hex does not fire it, and the trigger must not wait for it.
			{ ...hexSchedule('HOURLY', { hourly: { minute: 5, timezone: '+00:00' } }), enabled: false },
		],
		utcMinutes: at(18, 0),
	},
	// New York is at -05:00 on 4 March.
	{
		schedule: [
			hexSchedule('DAILY', { daily: { hour: 2, minute: 30, timezone: 'America/New_York' } }),
		],
		utcMinutes: at(7, 30),
	},
	{
		schedule: [
			hexSchedule('WEEKLY', {
				weekly: { dayOfWeek: 'WEDNESDAY', hour: 7, minute: 0, timezone: '+05:30' },
			}),
		],
		utcMinutes: at(1, 30),
	},
	{
		schedule: [
			hexSchedule('WEEKLY', {
				weekly: { dayOfWeek: 'WEDNESDAY', hour: 14, minute: 20, timezone: '-07:00' },
			}),
		],
		utcMinutes: at(21, 20),
	},
	{
		schedule: [
			hexSchedule('WEEKLY', {
				weekly: { dayOfWeek: 'MONDAY', hour: 10, minute: 0, timezone: '+00:00' },
			}),
		],
		utcMinutes: [],
	},
	{
		schedule: [
			hexSchedule('MONTHLY', { monthly: { day: 4, hour: 11, minute: 11, timezone: '+00:00' } }),
		],
		utcMinutes: at(11, 11),
	},
	// The 3rd at 22:00 at -05:00 is the 4th at 03:00 UTC.
	{
		schedule: [
			hexSchedule('MONTHLY', { monthly: { day: 3, hour: 22, minute: 0, timezone: '-05:00' } }),
		],
		utcMinutes: at(3, 0),
	},
];

interface PlannedRun {
	project: number;
	runTrigger: ProjectRun['runTrigger'];
	created: number;
	started: number;
	ended: number;
	status: TerminalRunStatus;
}

/** Times are in ms from DAY_START; statuses as Hex ends runs. */
function plan(config: TriggerSimConfig, scheduled: number[], random: Random): PlannedRun[] {
	const runs: PlannedRun[] = [];
	const span = config.hours * HOUR_MS;
	const seconds = (min: number, max: number) => random.int(min * 1000, max * 1000);
	SCHEDULES.forEach(({ utcMinutes }, index) => {
		for (const minute of utcMinutes) {
			const fire = minute * MINUTE_MS;
			if (fire <= 0 || fire >= span) continue;
			const created = fire + seconds(1, 20);
			const started = created + seconds(0, 30);
			const roll = random.next();
			const duration =
				roll < 0.6 ? seconds(20, 180) : roll < 0.9 ? seconds(180, 900) : seconds(900, 2700);
			const outcome = random.next();
			const status: TerminalRunStatus =
				outcome < 0.25
					? 'ERRORED'
					: outcome < 0.28
						? 'KILLED'
						: outcome < 0.3
							? 'UNABLE_TO_ALLOCATE_KERNEL'
							: 'COMPLETED';
			const ended = status === 'UNABLE_TO_ALLOCATE_KERNEL' ? started : started + duration;
			runs.push({
				project: scheduled[index],
				runTrigger: 'SCHEDULED',
				created,
				started,
				ended,
				status,
			});
		}
	});
	// API and app-refresh runs in every published project, at random times.
	for (let project = 0; project < config.published; project++) {
		for (const [runTrigger, perDay] of [
			['API', config.apiRunsPerProjectPerDay],
			['APP_REFRESH', config.appRefreshRunsPerProjectPerDay],
		] as const) {
			const expected = (perDay * config.hours) / 24;
			const count = Math.floor(expected) + (random.next() < expected % 1 ? 1 : 0);
			for (let run = 0; run < count; run++) {
				const created = random.int(1000, span - 1000);
				const started = created + seconds(0, 10);
				const long = random.bool(0.05);
				const ended = started + (long ? seconds(600, 2400) : seconds(10, 600));
				const status: TerminalRunStatus = random.bool(0.1) ? 'ERRORED' : 'COMPLETED';
				runs.push({ project, runTrigger, created, started, ended, status });
			}
		}
	}
	return runs.sort((a, b) => a.created - b.created);
}

function percentile(sorted: number[], share: number): number {
	if (sorted.length === 0) return 0;
	return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)];
}

function delayFigures(delays: Array<{ ms: number; polls: number }>): DelayFigures {
	const minutes = delays.map((delay) => delay.ms / MINUTE_MS).sort((a, b) => a - b);
	const round1 = (value: number) => Math.round(value * 10) / 10;
	return {
		runs: delays.length,
		p50Minutes: round1(percentile(minutes, 0.5)),
		p95Minutes: round1(percentile(minutes, 0.95)),
		maxMinutes: round1(minutes[minutes.length - 1] ?? 0),
		maxPolls: Math.max(0, ...delays.map((delay) => delay.polls)),
	};
}

/** One simulated day of one variant; the runs are the same for both. */
async function simulate(
	config: TriggerSimConfig,
	variant: TriggerVariant,
): Promise<TriggerVariantFigures & { planned: PlannedRun[] }> {
	const fake = await startFakeHex({
		users: 5,
		projects: config.projects,
		dataConnections: 1,
		seed: config.seed,
	});
	const clock = simulatedClock(DAY_START);
	try {
		// 250 live projects, the first `published` of them (by ID) published, 20 of those scheduled.
		const projects = [...publishEveryProject(fake.state)].sort((a, b) => (a.id < b.id ? -1 : 1));
		for (const project of projects.slice(config.published)) project.lastPublishedAt = null;
		const published = projects.slice(0, config.published);
		const step = Math.floor(config.published / SCHEDULES.length);
		const scheduled = SCHEDULES.map((_, index) => index * step);
		if (variant === 'schedule-aware') {
			SCHEDULES.forEach(({ schedule }, index) => {
				published[scheduled[index]].schedules = structuredClone(schedule);
			});
		}
		const planned = plan(config, scheduled, new Random(config.seed));

		let workflow = new TriggerWorkflow({
			parameters: {
				event: 'runFinished',
				projectScope: 'all',
				maxRequestsPerPoll: config.maxRequestsPerPoll,
			},
			credentials: { subdomain: 'app', apiToken: fake.token, baseUrl: fake.baseUrl },
		});
		const live = new Map<number, ProjectRun>();
		const emittedAt = new Map<string, number[]>();
		const runIdOf = new Map<PlannedRun, string>();
		let next = 0;
		let requests = 0;
		let maxRequestsPerPoll = 0;
		const polls = config.hours * 60 + config.drainMinutes;
		for (let poll = 0; poll <= polls; poll++) {
			const now = poll * MINUTE_MS;
			// Hex's side up to this instant: runs created, started and ended.
			while (next < planned.length && planned[next].created <= now) {
				const run = planned[next];
				clock.set(DAY_START + run.created);
				const added = fake.state.addRun(published[run.project].id, {
					status: 'PENDING',
					runTrigger: run.runTrigger,
					startTime: null,
					endTime: null,
					elapsedTime: null,
				});
				live.set(next, added);
				runIdOf.set(run, added.runId);
				next += 1;
			}
			for (const [index, run] of live) {
				const planRun = planned[index];
				if (planRun.started <= now && run.startTime === null) {
					run.status = 'RUNNING';
					run.startTime = new Date(DAY_START + planRun.started).toISOString();
				}
				if (planRun.ended <= now) {
					run.status = planRun.status;
					run.endTime = new Date(DAY_START + planRun.ended).toISOString();
					run.elapsedTime = planRun.ended - planRun.started;
					live.delete(index);
				}
			}
			clock.set(DAY_START + now);
			fake.reset();
			workflow = workflow.restarted();
			for (const item of await workflow.pollJson()) {
				const id = String(item.runId);
				emittedAt.set(id, [...(emittedAt.get(id) ?? []), now]);
			}
			requests += fake.requests.length;
			maxRequestsPerPoll = Math.max(maxRequestsPerPoll, fake.requests.length);
			if (fake.internalErrors.length) throw new Error(fake.internalErrors.join('; '));
		}

		const end = polls * MINUTE_MS;
		const ended = planned.filter((run) => run.ended <= end);
		const delays = { failedScheduled: [], scheduled: [], other: [], all: [] } as Record<
			keyof TriggerVariantFigures['delays'],
			Array<{ ms: number; polls: number }>
		>;
		let missing = 0;
		for (const run of ended) {
			const emitted = emittedAt.get(runIdOf.get(run) ?? '');
			if (!emitted) {
				missing += 1;
				continue;
			}
			const delay = {
				ms: emitted[0] - run.ended,
				polls: (emitted[0] - Math.ceil(run.ended / MINUTE_MS) * MINUTE_MS) / MINUTE_MS + 1,
			};
			delays.all.push(delay);
			if (run.runTrigger !== 'SCHEDULED') delays.other.push(delay);
			else {
				delays.scheduled.push(delay);
				if (run.status !== 'COMPLETED') delays.failedScheduled.push(delay);
			}
		}
		return {
			variant,
			polls: polls + 1,
			runsEnded: ended.length,
			emitted: [...emittedAt.values()].reduce((sum, times) => sum + times.length, 0),
			duplicates: [...emittedAt.values()].filter((times) => times.length > 1).length,
			missing,
			requests,
			requestsPerHour: Math.round((requests / (polls + 1)) * 60),
			maxRequestsPerPoll,
			delays: {
				failedScheduled: delayFigures(delays.failedScheduled),
				scheduled: delayFigures(delays.scheduled),
				other: delayFigures(delays.other),
				all: delayFigures(delays.all),
			},
			planned,
		};
	} finally {
		clock.restore();
		await fake.close();
	}
}

export async function simulateTriggerDay(config: TriggerSimConfig): Promise<TriggerFigures> {
	const variants: TriggerVariantFigures[] = [];
	let planned: PlannedRun[] = [];
	for (const variant of ['rotation', 'schedule-aware'] as const) {
		const { planned: runs, ...figures } = await simulate(config, variant);
		variants.push(figures);
		planned = runs;
	}
	const scheduledRuns = planned.filter((run) => run.runTrigger === 'SCHEDULED');
	return {
		date: new Date().toISOString(),
		config,
		scheduledProjects: SCHEDULES.length,
		scheduledRuns: scheduledRuns.length,
		failedScheduledRuns: scheduledRuns.filter((run) => run.status !== 'COMPLETED').length,
		otherRuns: planned.length - scheduledRuns.length,
		variants,
	};
}
