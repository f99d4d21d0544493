// The bench's figures, checked against the goals and laid out as the table `npm run bench` prints
// (markdown, so it can be pasted into the README).
import type { BenchConfig, Mode } from './lib';
import type { DelayFigures, TriggerFigures, TriggerVariantFigures } from './triggerSim';

export type ExpressionEngine = 'vm' | 'legacy';

/** The third column: n8n's HTTP Request node doing the same requests on the same engine. */
interface AgainstHttpRequestNode {
	/** The expression engine all three clients ran on (n8n 2.x: vm by default; 1.x: legacy). */
	engine: ExpressionEngine;
	httpMs: number[];
	httpMedianMs: number;
	httpCpuMedianMs: number;
	/** Hex node / HTTP Request node, wall and CPU time. */
	ratioToHttp: number;
	cpuRatioToHttp: number;
}

export interface ListFigures extends AgainstHttpRequestNode {
	users: number;
	latencyMs: number;
	requests: number;
	minimumRequests: number;
	sameCallsAsRaw: boolean;
	rawMs: number[];
	nodeMs: number[];
	rawMedianMs: number;
	nodeMedianMs: number;
	ratio: number;
	/** CPU time of the whole process (client + replay), medians and their ratio. */
	rawCpuMedianMs: number;
	nodeCpuMedianMs: number;
	cpuRatio: number;
	overheadPerPageMs: number;
}

export interface MemoryFigures {
	client: 'raw' | 'node';
	users: number;
	latencyMs: number;
	baselineRssMb: number;
	peakRssMb: number;
	rssGrowthMb: number;
	heapGrowthMb: number;
	retainedHeapMb: number;
	processPeakRssMb: number;
	items: number;
}

export interface PerItemFigures extends AgainstHttpRequestNode {
	items: number;
	latencyMs: number;
	requests: number;
	sameCallsAsRaw: boolean;
	rawMs: number[];
	nodeMs: number[];
	rawMedianMs: number;
	nodeMedianMs: number;
	ratio: number;
	rawCpuMedianMs: number;
	nodeCpuMedianMs: number;
	cpuRatio: number;
	overheadPerItemMs: number;
	/** Median CPU time of a whole run divided by the items. */
	cpuPerItemMs: { raw: number; node: number; http: number };
}

export interface RateLimitedFigures {
	runs: number;
	limit: number;
	windowMs: number;
	latencyMs: number;
	minimumMs: number;
	nodeMs: number;
	ratioToMinimum: number;
	failures: number;
	failureMessages: string[];
	runsCreated: number;
	distinctRunIdsOutput: number;
	duplicates: number;
	requests: number;
	rateLimitedRequests: number;
	rawMs: number;
	rawRatioToMinimum: number;
	rawRunsCreated: number;
	rawRequests: number;
}

export interface WaitingRun {
	runId: string;
	status: string;
	plannedRunTimeMs: number;
	runTimeMs: number;
	polls: number;
	bound: number;
}

export interface WaitingFigures {
	runs: number;
	pollIntervalMs: number;
	latencyMs: number;
	nodeMs: number;
	lowerBoundMs: number;
	perRun: WaitingRun[];
	maxPollsOverBound: number;
}

export interface Goal {
	scenario: string;
	figure: string;
	value: number | string;
	goal: string;
	met: boolean;
}

export interface Results {
	mode: Mode;
	date: string;
	platform: {
		node: string;
		platform: string;
		cpus: number;
		cpuModel: string;
		loadAverage: number[];
	};
	config: BenchConfig;
	list: ListFigures[];
	listMemory: MemoryFigures[];
	perItem: PerItemFigures[];
	rateLimited: RateLimitedFigures[];
	waiting: WaitingFigures | undefined;
	/** The Hex Trigger over a simulated day (trigger.bench.ts). */
	trigger?: TriggerFigures;
	goals: Goal[];
}

/** Results with no figures yet: what a bench process starts from when no earlier run wrote any. */
export function emptyResults(
	mode: Mode,
	config: BenchConfig,
	platform: Results['platform'],
): Results {
	return {
		mode,
		date: new Date().toISOString(),
		platform,
		config,
		list: [],
		listMemory: [],
		perItem: [],
		rateLimited: [],
		waiting: undefined,
		goals: [],
	};
}

export function evaluateGoals(results: Results): Goal[] {
	const goals: Goal[] = [];
	for (const list of results.list) {
		const scenario = `list ${list.users} users, latency ${list.latencyMs} ms, ${list.engine} engine`;
		goals.push({
			scenario,
			figure: 'requests',
			value: list.requests,
			goal: `= ${list.minimumRequests} (ceil(N/500))`,
			met: list.requests === list.minimumRequests,
		});
		goals.push({
			scenario,
			figure: 'time node/raw',
			value: list.ratio,
			goal: '≤ 1.3',
			met: list.ratio <= 1.3,
		});
		goals.push({
			scenario,
			figure: 'CPU node/HTTP Request node',
			value: list.cpuRatioToHttp,
			goal: '≤ 1.0',
			met: list.cpuRatioToHttp <= 1.0,
		});
	}
	for (const perItem of results.perItem) {
		const scenario = `per item ${perItem.items} items, latency ${perItem.latencyMs} ms, ${perItem.engine} engine`;
		goals.push({
			scenario,
			figure: 'time node/raw',
			value: perItem.ratio,
			goal: '≤ 1.5',
			met: perItem.ratio <= 1.5,
		});
		goals.push({
			scenario,
			figure: 'CPU node/HTTP Request node',
			value: perItem.cpuRatioToHttp,
			goal: '≤ 1.0',
			met: perItem.cpuRatioToHttp <= 1.0,
		});
	}
	const batches = results.rateLimited.filter((r) => r.runs === results.config.rateLimited.runs);
	for (const batch of batches) {
		const scenario = `rate limited ${batch.runs} runs, ${batch.limit} per ${batch.windowMs} ms`;
		goals.push({
			scenario,
			figure: 'time / minimum',
			value: batch.ratioToMinimum,
			goal: '≤ 1.05',
			met: batch.ratioToMinimum <= 1.05,
		});
		goals.push({
			scenario,
			figure: 'failures',
			value: batch.failures,
			goal: '= 0',
			met: batch.failures === 0,
		});
		goals.push({
			scenario,
			figure: 'runs created',
			value: batch.runsCreated,
			goal: `= ${batch.runs}`,
			met: batch.runsCreated === batch.runs,
		});
		goals.push({
			scenario,
			figure: 'duplicates',
			value: batch.duplicates,
			goal: '= 0',
			met: batch.duplicates === 0,
		});
	}
	goals.push(...triggerGoals(results.trigger));
	for (const run of results.waiting?.perRun ?? []) {
		goals.push({
			scenario: `waiting, run of ${run.runTimeMs} ms`,
			figure: 'status polls',
			value: run.polls,
			goal: `≤ ${run.bound} (ceil(T/I)+1)`,
			met: run.polls <= run.bound,
		});
	}
	return goals;
}

/** Every run once and the cap for both variants; the delay of failed scheduled runs for the new one. */
function triggerGoals(trigger: TriggerFigures | undefined): Goal[] {
	if (!trigger) return [];
	const { config } = trigger;
	const goals: Goal[] = [];
	for (const variant of trigger.variants) {
		const scenario = `Hex Trigger ${config.hours} h, ${config.published} published projects, cap ${config.maxRequestsPerPoll}, ${variant.variant}`;
		goals.push({
			scenario,
			figure: 'runs emitted twice or never',
			value: variant.duplicates + variant.missing,
			goal: '= 0',
			met: variant.duplicates + variant.missing === 0 && variant.emitted === variant.runsEnded,
		});
		goals.push({
			scenario,
			figure: 'max requests per poll',
			value: variant.maxRequestsPerPoll,
			goal: `≤ ${config.maxRequestsPerPoll}`,
			met: variant.maxRequestsPerPoll <= config.maxRequestsPerPoll,
		});
		if (variant.variant === 'schedule-aware') {
			goals.push({
				scenario,
				figure: 'failed scheduled runs: polls to emission (max)',
				value: variant.delays.failedScheduled.maxPolls,
				goal: '≤ 2',
				met:
					variant.delays.failedScheduled.runs > 0 && variant.delays.failedScheduled.maxPolls <= 2,
			});
		}
	}
	return goals;
}

const table = (header: string[], rows: Array<Array<string | number>>) =>
	[
		`| ${header.join(' | ')} |`,
		`|${header.map(() => ' --- ').join('|')}|`,
		...rows.map((row) => `| ${row.join(' | ')} |`),
	].join('\n');

const mark = (met: boolean) => (met ? 'ok' : '**MISS**');

export function formatTable(results: Results): string {
	const out: string[] = [];
	const { platform } = results;
	out.push(
		`n8n-nodes-hex bench (${results.mode}), ${results.date}, Node ${platform.node}, ${platform.platform}, ${platform.cpus} × ${platform.cpuModel}, load average at start ${platform.loadAverage.join(' / ')} (1 / 5 / 15 min)`,
		'Fake Hex in the same process; latency = delay added by the fake to every request. Goals are on wall time; CPU time (client + in-process replay, raw / node ms) is given beside it, as other work on the machine moves it far less.',
		'',
		'1. List: User → Get Many, Return All (times: median of the runs; HTTP Request node: its own pagination, one item per page)',
		'',
		table(
			[
				'users',
				'latency',
				'engine',
				'requests (min)',
				'raw ms',
				'node ms',
				'HTTP Request ms',
				'node/raw (≤ 1.3)',
				'CPU node/HTTP Request (≤ 1.0)',
				'CPU node/raw',
				'node overhead / page',
			],
			results.list.map((l) => [
				l.users,
				`${l.latencyMs} ms`,
				l.engine,
				`${l.requests} (${l.minimumRequests}) ${mark(l.requests === l.minimumRequests)}`,
				l.rawMedianMs,
				l.nodeMedianMs,
				l.httpMedianMs,
				`${l.ratio} ${mark(l.ratio <= 1.3)}`,
				`${l.cpuRatioToHttp} ${mark(l.cpuRatioToHttp <= 1.0)} (${l.nodeCpuMedianMs} / ${l.httpCpuMedianMs} ms)`,
				`${l.cpuRatio} (${l.rawCpuMedianMs} / ${l.nodeCpuMedianMs} ms)`,
				`${l.overheadPerPageMs} ms`,
			]),
		),
	);
	if (results.listMemory.length) {
		const sizes = [...new Set(results.listMemory.map((m) => m.users))];
		const of = (users: number, client: string) =>
			results.listMemory.find((m) => m.users === users && m.client === client);
		out.push(
			'',
			'   Memory, each client alone in a fresh process (fake Hex and its N users included in the baseline):',
			'',
			table(
				[
					'users',
					'raw peak RSS',
					'node peak RSS',
					'raw RSS growth',
					'node RSS growth',
					'node/raw growth',
					'raw heap growth',
					'node heap growth',
				],
				sizes.map((users) => {
					const raw = of(users, 'raw');
					const node = of(users, 'node');
					return [
						users,
						`${raw?.peakRssMb} MB`,
						`${node?.peakRssMb} MB`,
						`${raw?.rssGrowthMb} MB`,
						`${node?.rssGrowthMb} MB`,
						raw && node ? (node.rssGrowthMb / Math.max(raw.rssGrowthMb, 1)).toFixed(1) : '-',
						`${raw?.heapGrowthMb} MB`,
						`${node?.heapGrowthMb} MB`,
					];
				}),
			),
		);
	}
	out.push(
		'',
		'2. Per item: Project → Get with ={{ $json.projectId }}, one request per input item (all items at once, raw too; HTTP Request node: the same GET with the Hex credential)',
		'',
		table(
			[
				'items',
				'latency',
				'engine',
				'raw ms',
				'node ms',
				'HTTP Request ms',
				'node/raw (≤ 1.5)',
				'CPU node/HTTP Request (≤ 1.0)',
				'CPU ms / item raw · node · HTTP Request',
				'node overhead / item',
			],
			results.perItem.map((p) => [
				p.items,
				`${p.latencyMs} ms`,
				p.engine,
				p.rawMedianMs,
				p.nodeMedianMs,
				p.httpMedianMs,
				`${p.ratio} ${mark(p.ratio <= 1.5)}`,
				`${p.cpuRatioToHttp} ${mark(p.cpuRatioToHttp <= 1.0)}`,
				`${p.cpuPerItemMs.raw} · ${p.cpuPerItemMs.node} · ${p.cpuPerItemMs.http}`,
				`${p.overheadPerItemMs} ms`,
			]),
		),
		'',
		'3. Under the rate limit: Run → Start per item, fake enforcing the limit (fixed window, Retry-After in s)',
		'',
		table(
			[
				'runs',
				'limit',
				'minimum',
				'node',
				'node/min (≤ 1.05)',
				'failures',
				'runs created',
				'duplicates',
				'requests (429s)',
				'raw (no retry cap)',
			],
			results.rateLimited.map((r) => [
				r.runs,
				`${r.limit}/${r.windowMs} ms`,
				`${r.minimumMs} ms`,
				`${r.nodeMs} ms`,
				`${r.ratioToMinimum}${r.runs === results.config.rateLimited.runs ? ` ${mark(r.ratioToMinimum <= 1.05)}` : ''}`,
				r.failures,
				r.runsCreated,
				r.duplicates,
				`${r.requests} (${r.rateLimitedRequests})`,
				`${r.rawMs} ms, ${r.rawRequests} requests`,
			]),
		),
	);
	const waiting = results.waiting;
	if (waiting) {
		out.push(
			'',
			`4. Waiting: Run → Start with Wait for Completion, poll interval ${waiting.pollIntervalMs / 1000} s, ${waiting.runs} runs in one execution: ${waiting.nodeMs} ms (first poll after the last run ended: ${waiting.lowerBoundMs} ms)`,
			'',
			table(
				['run time', 'status polls', 'ceil(T/I)+1', 'result'],
				waiting.perRun.map((run) => [
					`${run.runTimeMs} ms`,
					run.polls,
					run.bound,
					`${run.status} ${mark(run.polls <= run.bound)}`,
				]),
			),
		);
	}
	out.push(...triggerTable(results.trigger));
	const missed = results.goals.filter((g) => !g.met);
	out.push(
		'',
		results.mode === 'smoke'
			? 'Smoke run: sizes too small for the time goals, which only `npm run bench` judges; the smoke fails only on wrong request counts, runs created, failures or polls.'
			: '',
		missed.length
			? `Goals missed: ${missed.map((g) => `${g.scenario}: ${g.figure} ${g.value} (goal ${g.goal})`).join('; ')}`
			: `All ${results.goals.length} goals met.`,
		'',
	);
	return out.join('\n');
}

const delays = (figures: DelayFigures) =>
	`${figures.p50Minutes} / ${figures.p95Minutes} / ${figures.maxMinutes} min (${figures.maxPolls} polls)`;

function triggerTable(trigger: TriggerFigures | undefined): string[] {
	if (!trigger) return [];
	const { config } = trigger;
	const [rotation, aware] = ['rotation', 'schedule-aware'].map((name) =>
		trigger.variants.find((variant) => variant.variant === name),
	);
	if (!rotation || !aware) return [];
	const row = (label: string, of: (variant: TriggerVariantFigures) => string | number) => [
		label,
		of(rotation),
		of(aware),
	];
	return [
		'',
		`5. Hex Trigger, Run Finished over ${config.hours} simulated hours (injected clock): ${config.projects} projects, ${config.published} published, ${trigger.scheduledProjects} scheduled; ${trigger.scheduledRuns} scheduled runs (${trigger.failedScheduledRuns} failed), ${trigger.otherRuns} API and app-refresh runs; Max Requests per Poll ${config.maxRequestsPerPoll}, a poll every minute. Delay: from a run's end to the poll that emitted it, p50 / p95 / max (most polls at or after the end; 1 = the first poll after it)`,
		'',
		table(
			['', "today's rotation", 'schedule-aware'],
			[
				row('failed scheduled runs (≤ 2 polls)', (v) => {
					const text = delays(v.delays.failedScheduled);
					return v === aware ? `${text} ${mark(v.delays.failedScheduled.maxPolls <= 2)}` : text;
				}),
				row('all scheduled runs', (v) => delays(v.delays.scheduled)),
				row('API and app-refresh runs', (v) => delays(v.delays.other)),
				row('all runs', (v) => delays(v.delays.all)),
				row(
					'runs emitted / ended (twice, never)',
					(v) =>
						`${v.emitted} / ${v.runsEnded} (${v.duplicates}, ${v.missing}) ${mark(v.duplicates + v.missing === 0 && v.emitted === v.runsEnded)}`,
				),
				row('requests per hour', (v) => v.requestsPerHour),
				row(
					`max requests per poll (≤ ${config.maxRequestsPerPoll})`,
					(v) =>
						`${v.maxRequestsPerPoll} ${mark(v.maxRequestsPerPoll <= config.maxRequestsPerPoll)}`,
				),
			],
		),
	];
}
