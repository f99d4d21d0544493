// Times and request counts: the node (through n8n-core's WorkflowExecute) against a plain fetch
// client doing the same calls, on the fake Hex. Runs last in `npm run bench`, merges the memory
// figures the earlier processes wrote, and writes bench/results.json and the table.
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { Expression, sleep } from 'n8n-workflow';

import { httpGetProject, httpListUsers, httpRequestRunner, usersInPages } from './httpRequest';

import type { Mode } from './lib';
import {
	callsOf,
	configFor,
	failedItems,
	LIST_ALL_USERS,
	listUsersOnFake,
	locator,
	median,
	nodeRunner,
	RawHex,
	round,
	startBench,
	timed,
	USERS_PAGE_SIZE,
} from './lib';
import type {
	ExpressionEngine,
	MemoryFigures,
	RateLimitedFigures,
	Results,
	WaitingFigures,
} from './report';
import type { Recorded } from './replay';
import { startReplay } from './replay';
import { emptyResults, evaluateGoals, formatTable } from './report';
import { job, platform, readJson, resultsFile, writeJson, writeText } from './system';

// See fakeSort.ts: the fake's per-page sort of every user would dwarf what is measured.
jest.mock('../test/fake-hex/routes/pagination', () => {
	const { paginationWithMemoisedSort } =
		jest.requireActual<typeof import('./fakeSort')>('./fakeSort');
	return paginationWithMemoisedSort(jest.requireActual('../test/fake-hex/routes/pagination'));
});

const mode: Mode = job()?.mode ?? 'smoke';
const config = configFor(mode);

const results: Results = emptyResults(mode, config, platform());

afterAll(() => {
	for (const users of config.list.users) {
		for (const client of ['raw', 'node']) {
			const figures = readJson(`.out/memory-${client}-${users}.json`) as MemoryFigures | undefined;
			if (figures) results.listMemory.push(figures);
		}
	}
	results.trigger = readJson('.out/trigger.json') as Results['trigger'];
	results.goals = evaluateGoals(results);
	// Only the full run's figures are committed (the README quotes them); a smoke run (CI) writes
	// beside the other per-run outputs, which are gitignored.
	writeJson(resultsFile(mode), results);
	writeText('.out/table.txt', formatTable(results));
});

type Client = 'raw' | 'node' | 'http';
const CLIENTS: Client[] = ['raw', 'node', 'http'];
type Clients = Record<Client, () => Promise<void>>;

/** n8n 2.x's default expression engine first, then the legacy one (n8n 1.x's). */
const ENGINES: ExpressionEngine[] = ['vm', 'legacy'];

beforeAll(async () => {
	// n8n 2.41's defaults (N8N_EXPRESSION_ENGINE_* unset): one isolate, as `n8n start` builds it.
	await Expression.initExpressionEngine({
		engine: 'vm',
		poolSize: 1,
		maxCodeCacheSize: 1024,
		bridgeTimeout: 5000,
		bridgeMemoryLimit: 128,
	});
});
afterAll(async () => {
	Expression.setExpressionEngine('vm');
	await Expression.disposeExpressionEngine();
});

/**
 * Times raw fetch, the Hex node and the HTTP Request node, interleaved: every repeat runs each
 * client once per expression engine (after one untimed warm-up of each), so that other work on
 * the machine falls on all of them alike. Medians per engine and all runs.
 */
async function compare(repeats: number, clients: Clients) {
	const runs = new Map<string, Array<{ ms: number; cpuMs: number }>>();
	const key = (engine: ExpressionEngine, client: Client) => `${engine} ${client}`;
	for (let repeat = -1; repeat < repeats; repeat++) {
		for (const engine of ENGINES) {
			Expression.setExpressionEngine(engine);
			for (const client of CLIENTS) {
				const run = await timed(clients[client]);
				if (repeat < 0) continue;
				runs.set(key(engine, client), [...(runs.get(key(engine, client)) ?? []), run]);
			}
		}
	}
	Expression.setExpressionEngine('vm');
	return ENGINES.map((engine) => {
		const of = (client: Client) => runs.get(key(engine, client)) ?? [];
		const wall = (client: Client) => median(of(client).map((run) => run.ms));
		const cpu = (client: Client) => median(of(client).map((run) => run.cpuMs));
		return {
			engine,
			rawMs: of('raw').map((run) => round(run.ms, 1)),
			nodeMs: of('node').map((run) => round(run.ms, 1)),
			httpMs: of('http').map((run) => round(run.ms, 1)),
			rawMedianMs: round(wall('raw'), 1),
			nodeMedianMs: round(wall('node'), 1),
			httpMedianMs: round(wall('http'), 1),
			ratio: round(wall('node') / wall('raw'), 2),
			ratioToHttp: round(wall('node') / wall('http'), 2),
			rawCpuMedianMs: round(cpu('raw'), 1),
			nodeCpuMedianMs: round(cpu('node'), 1),
			httpCpuMedianMs: round(cpu('http'), 1),
			cpuRatio: round(cpu('node') / cpu('raw'), 2),
			cpuRatioToHttp: round(cpu('node') / cpu('http'), 2),
		};
	});
}

test.each(config.list.users)('1. list: User → Get Many, Return All, %i users', async (users) => {
	const onFake = await listUsersOnFake(users, true);
	const minimumRequests = Math.ceil(users / USERS_PAGE_SIZE);
	expect(onFake.rawItems).toBe(users);
	expect(onFake.nodeItems).toBe(users);
	expect(onFake.nodeCalls).toEqual(onFake.rawCalls);
	for (const latencyMs of config.latenciesMs) {
		const replay = await startReplay(onFake.recordings, latencyMs);
		try {
			const raw = new RawHex(replay.baseUrl, onFake.token);
			const node = nodeRunner(replay.baseUrl, onFake.token);
			const http = httpRequestRunner(replay.baseUrl, onFake.token);
			const check = (items: number) => {
				expect(items).toBe(users);
				expect(replay.requests).toHaveLength(minimumRequests);
				expect(replay.unknown).toEqual([]);
				replay.reset();
			};
			const byEngine = await compare(config.list.repeats, {
				raw: async () => check((await raw.listUsers()).length),
				node: async () => {
					const run = await node(LIST_ALL_USERS);
					if (run.error) throw run.error;
					check(run.items.length);
				},
				http: async () => check(usersInPages(await http(httpListUsers(replay.baseUrl)))),
			});
			for (const times of byEngine) {
				results.list.push({
					users,
					latencyMs,
					requests: onFake.nodeCalls?.length ?? 0,
					minimumRequests,
					sameCallsAsRaw: true,
					...times,
					overheadPerPageMs: round((times.nodeMedianMs - times.rawMedianMs) / minimumRequests, 2),
				});
			}
		} finally {
			await replay.close();
		}
	}
	expect(onFake.nodeCalls).toHaveLength(minimumRequests);
});

test(`2. per item: Project → Get for ${config.perItem.items} items`, async () => {
	const items = config.perItem.items;
	const parameters: INodeParameters = {
		resource: 'project',
		operation: 'get',
		projectId: locator('={{ $json.projectId }}'),
	};
	// On the fake: record every project's answer (raw), and count the node's requests.
	const bench = await startBench({ users: 20, projects: 250, dataConnections: 1 }, 0);
	const recordings = new Map<string, Recorded>();
	const { token } = bench.fake;
	const ids = bench.fake.state.projects.map((project) => project.id);
	const input = Array.from({ length: items }, (_, i) => ({ projectId: ids[i % ids.length] }));
	try {
		await new RawHex(bench.fake.baseUrl, token, recordings).getProjects(ids);
		bench.reset();
		const run = await bench.node(parameters, { input });
		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(items);
		expect(callsOf(bench.fake).sort()).toEqual(
			input.map(({ projectId }) => `GET /api/v1/projects/${projectId} {}`).sort(),
		);
		expect(bench.fake.internalErrors).toEqual([]);
	} finally {
		await bench.close();
	}
	for (const latencyMs of config.latenciesMs) {
		const replay = await startReplay(recordings, latencyMs);
		try {
			const raw = new RawHex(replay.baseUrl, token);
			const node = nodeRunner(replay.baseUrl, token);
			const http = httpRequestRunner(replay.baseUrl, token);
			const check = (outputs: number) => {
				expect(outputs).toBe(items);
				expect(replay.requests).toHaveLength(items);
				expect(replay.unknown).toEqual([]);
				replay.reset();
			};
			const byEngine = await compare(config.perItem.repeats, {
				raw: async () => check((await raw.getProjects(input.map((i) => i.projectId))).length),
				node: async () => {
					const run = await node(parameters, { input });
					if (run.error) throw run.error;
					check(run.items.length);
				},
				http: async () => check((await http(httpGetProject(replay.baseUrl), input)).length),
			});
			for (const times of byEngine) {
				results.perItem.push({
					items,
					latencyMs,
					requests: items,
					sameCallsAsRaw: true,
					...times,
					overheadPerItemMs: round((times.nodeMedianMs - times.rawMedianMs) / items, 3),
					cpuPerItemMs: {
						raw: round(times.rawCpuMedianMs / items, 3),
						node: round(times.nodeCpuMedianMs / items, 3),
						http: round(times.httpCpuMedianMs / items, 3),
					},
				});
			}
		} finally {
			await replay.close();
		}
	}
});

const latencyMs = config.latenciesMs[0];

// The batch with time compressed (the window of Hex's 30 requests/minute shrunk to windowMs), the
// overload (more runs than Max Retries lets through), and, in the full run, the batch at Hex's own
// pace: Retry-After is in whole seconds, a granularity that compression magnifies 30 times.
const { runs: batchRuns, overloadRuns, realTimeWindowMs } = config.rateLimited;
const rateLimitedScenarios = [
	[batchRuns, config.rateLimited.windowMs],
	[overloadRuns, config.rateLimited.windowMs],
	[realTimeWindowMs > 0 ? batchRuns : 0, realTimeWindowMs],
].filter(([runs]) => runs > 0);

test.each(rateLimitedScenarios)(
	`3. under the rate limit: %i × Run → Start, ${config.rateLimited.limit} requests per %i ms`,
	async (runs, windowMs) => {
		const { limit } = config.rateLimited;
		const bench = await startBench(
			{ users: 5, projects: 5, dataConnections: 1, rateLimit: { limit, windowMs } },
			latencyMs,
		);
		try {
			const project = bench.fake.state.projects[0];
			const { runProgress } = bench.fake.state;
			const runPath = `/api/v1/projects/${project.id}/runs`;
			const parameters = { resource: 'run', operation: 'start', runProjectId: locator(project.id) };

			// The node, Continue On Fail on so that failed items are counted rather than fatal.
			bench.reset();
			const createdBefore = runProgress.size;
			const node = await timed(
				async () =>
					await bench.node(parameters, {
						input: Array.from({ length: runs }, () => ({})),
						continueOnFail: true,
					}),
			);
			expect(node.value.error).toBeUndefined();
			const posts = bench.fake.requests.filter((r) => r.method === 'POST' && r.path === runPath);
			const body = posts[0]?.body;
			const failed = failedItems(node.value.items);
			const runIds = node.value.items.map((item) => item.json.runId).filter(Boolean);
			const created = runProgress.size - createdBefore;

			// The raw client: the same requests at once, each retried after Retry-After, no cap.
			bench.reset();
			const rawBefore = runProgress.size;
			const raw = await timed(async () => await bench.raw.startRuns(project.id, runs, body));
			const rawPosts = bench.fake.requests.filter((r) => r.method === 'POST').length;

			const minimumMs = (Math.ceil(runs / limit) - 1) * windowMs + latencyMs;
			const figures: RateLimitedFigures = {
				runs,
				limit,
				windowMs,
				latencyMs,
				minimumMs,
				nodeMs: round(node.ms),
				ratioToMinimum: round(node.ms / minimumMs, 3),
				failures: failed.length,
				failureMessages: [
					...new Set(failed.map((item) => String(item.error?.message ?? item.json.error))),
				],
				runsCreated: created,
				distinctRunIdsOutput: new Set(runIds).size,
				duplicates: created - new Set(runIds).size,
				requests: posts.length,
				rateLimitedRequests: posts.length - created,
				rawMs: round(raw.ms),
				rawRatioToMinimum: round(raw.ms / minimumMs, 3),
				rawRunsCreated: runProgress.size - rawBefore,
				rawRequests: rawPosts,
			};
			results.rateLimited.push(figures);
			expect(bench.fake.internalErrors).toEqual([]);
			expect(figures.duplicates).toBe(0);
			expect(figures.rawRunsCreated).toBe(runs);
			if (runs === config.rateLimited.runs) {
				expect(figures.failures).toBe(0);
				expect(figures.runsCreated).toBe(runs);
			}
		} finally {
			await bench.close();
		}
	},
);

test(`4. waiting: Run → Start with Wait for Completion, ${config.waiting.runTimesMs.length} runs`, async () => {
	const { runTimesMs, pollIntervalSeconds } = config.waiting;
	const intervalMs = pollIntervalSeconds * 1000;
	const bench = await startBench({ users: 5, projects: 5, dataConnections: 1 }, latencyMs);
	try {
		const { state } = bench.fake;
		const project = state.projects[0];
		// The fake ends a run after a number of polls; here runs take a set time instead, whatever
		// the polling: the fake never ends them itself, and this clock ends the i-th started run
		// runTimesMs[i] after Hex created it.
		state.setRunOutcome(project.id, { status: 'COMPLETED', pollsBeforeTerminal: 1e9 });
		const createdBefore = state.runProgress.size;
		let waiting = true;
		const clock = (async () => {
			while (waiting) {
				[...state.runProgress.entries()].slice(createdBefore).forEach(([runId, progress], i) => {
					const run = state.findRun(project.id, runId);
					const due = Date.parse(progress.createdAt) + runTimesMs[i];
					if (run && run.endTime === null && Date.now() >= due) {
						state.finishRun(project.id, runId, 'COMPLETED');
					}
				});
				await sleep(5);
			}
		})();
		const node = await timed(async () => {
			try {
				return await bench.node(
					{
						resource: 'run',
						operation: 'start',
						runProjectId: locator(project.id),
						waitForCompletion: true,
						pollInterval: pollIntervalSeconds,
						timeout: 120,
					},
					{ input: runTimesMs.map(() => ({})) },
				);
			} finally {
				waiting = false;
				await clock;
			}
		});
		expect(node.value.error).toBeUndefined();
		const runs = node.value.items.map((item) => {
			const json = item.json as IDataObject;
			const runId = String(json.runId);
			const progress = state.runProgress.get(runId);
			const run = state.findRun(project.id, runId);
			const runTimeMs = Date.parse(String(run?.endTime)) - Date.parse(String(progress?.createdAt));
			const polls = bench.fake.requests.filter(
				(r) => r.method === 'GET' && r.path.endsWith(`/runs/${runId}`),
			).length;
			return {
				runId,
				status: String(json.status),
				plannedRunTimeMs: runTimesMs[[...state.runProgress.keys()].indexOf(runId) - createdBefore],
				runTimeMs,
				polls,
				bound: Math.ceil(runTimeMs / intervalMs) + 1,
			};
		});
		const figures: WaitingFigures = {
			runs: runs.length,
			pollIntervalMs: intervalMs,
			latencyMs,
			nodeMs: round(node.ms),
			// The node cannot see the end before the first poll after it.
			lowerBoundMs: Math.max(
				...runs.map((run) => Math.ceil(run.runTimeMs / intervalMs) * intervalMs),
			),
			perRun: runs,
			maxPollsOverBound: Math.max(...runs.map((run) => run.polls - run.bound)),
		};
		results.waiting = figures;
		expect(bench.fake.internalErrors).toEqual([]);
		for (const run of runs) {
			expect(run.status).toBe('COMPLETED');
			expect(run.polls).toBeLessThanOrEqual(run.bound);
		}
	} finally {
		await bench.close();
	}
});
