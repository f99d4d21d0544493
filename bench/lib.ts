// Shared pieces of the bench: the fake Hex with latency, the node through n8n-core's engine, the
// plain fetch client doing the same calls, and the measuring helpers.
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { FakeHex, FakeHexOptions } from '../test/fake-hex/server';
import { startFakeHex } from '../test/fake-hex/server';
import type { HexRun, RunHexNodeOptions } from '../test/harness/engine';
import { runHexNode } from '../test/harness/engine';
import configs from './config.json';
import type { Recorded } from './replay';
import { requestKey } from './replay';
import { cpuMs, memory } from './system';

export type Mode = keyof typeof configs;
export type BenchConfig = (typeof configs)['full'];

export function configFor(mode: Mode): BenchConfig {
	return configs[mode];
}

/** Hex's largest page for ListUsers. */
export const USERS_PAGE_SIZE = 500;

export type NodeRunner = (
	parameters: INodeParameters,
	options?: Omit<RunHexNodeOptions, 'parameters' | 'credentials'>,
) => Promise<HexRun>;

/** Runs the Hex node once through n8n-core's WorkflowExecute against `baseUrl`. */
export function nodeRunner(baseUrl: string, token: string): NodeRunner {
	const credentials = { subdomain: 'app', apiToken: token, baseUrl };
	return async (parameters, options = {}) =>
		await runHexNode({ ...options, parameters, credentials });
}

export interface Bench {
	fake: FakeHex;
	latencyMs: number;
	node: NodeRunner;
	raw: RawHex;
	/** Forgets recorded requests and the rate-limit window; keeps the latency. */
	reset(): void;
	close(): Promise<void>;
}

/**
 * Starts the fake Hex. Latency is a delay-only fault that never runs out (the fake has no latency
 * option): every request waits `latencyMs` before the fake looks at it.
 */
export async function startBench(options: FakeHexOptions, latencyMs: number): Promise<Bench> {
	const fake = await startFakeHex(options);
	const reset = () => {
		fake.reset();
		if (latencyMs > 0) fake.injectFault({ delayMs: latencyMs, times: Infinity });
	};
	reset();
	return {
		fake,
		latencyMs,
		node: nodeRunner(fake.baseUrl, fake.token),
		raw: new RawHex(fake.baseUrl, fake.token),
		reset,
		close: async () => await fake.close(),
	};
}

export interface RawResponse {
	status: number;
	headers: Headers;
	body: unknown;
}

/**
 * What a hand-written integration would do: fetch, the bearer token, JSON in and out. With
 * `recordings`, it keeps every answer for a replay.
 */
export class RawHex {
	constructor(
		private readonly baseUrl: string,
		private readonly token: string,
		private readonly recordings?: Map<string, Recorded>,
	) {}

	async request(
		method: string,
		path: string,
		query: Record<string, string> = {},
		body?: unknown,
	): Promise<RawResponse> {
		const url = new URL(`${this.baseUrl}${path}`);
		for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
		const headers: Record<string, string> = {
			authorization: `Bearer ${this.token}`,
			accept: 'application/json',
		};
		if (body !== undefined) headers['content-type'] = 'application/json';
		const response = await fetch(url, {
			method,
			headers,
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		this.recordings?.set(requestKey(method, url), { status: response.status, body: text });
		return {
			status: response.status,
			headers: response.headers,
			body: text === '' ? undefined : (JSON.parse(text) as unknown),
		};
	}

	async json(method: string, path: string, query?: Record<string, string>): Promise<IDataObject> {
		const response = await this.request(method, path, query);
		if (response.status >= 300) {
			throw new Error(
				`${method} ${path}: HTTP ${response.status} ${JSON.stringify(response.body)}`,
			);
		}
		return response.body as IDataObject;
	}

	/** User → Get Many, Return All (or the first `max`): pages of 500 until Hex gives no cursor. */
	async listUsers(max = Infinity): Promise<IDataObject[]> {
		const users: IDataObject[] = [];
		let after: string | undefined;
		for (;;) {
			const query: Record<string, string> = {
				limit: String(Math.min(USERS_PAGE_SIZE, max - users.length)),
			};
			if (after !== undefined) query.after = after;
			const page = await this.json('GET', '/v1/users', query);
			const values = page.values as IDataObject[];
			for (const value of values) users.push(value);
			const next = (page.pagination as IDataObject).after;
			if (typeof next !== 'string' || next === '' || values.length === 0 || users.length >= max) {
				return users;
			}
			after = next;
		}
	}

	/** Project → Get for every ID, all at once (as n8n's engine sends items' requests). */
	async getProjects(ids: string[]): Promise<IDataObject[]> {
		return await Promise.all(ids.map(async (id) => await this.json('GET', `/v1/projects/${id}`)));
	}

	/**
	 * Run → Start for every item at once, honouring Retry-After on 429 without a retry cap;
	 * returns the started runs and how many requests it took.
	 */
	async startRuns(projectId: string, count: number, body: unknown): Promise<RawResponse[]> {
		return await Promise.all(
			Array.from({ length: count }, async () => {
				for (;;) {
					const response = await this.request('POST', `/v1/projects/${projectId}/runs`, {}, body);
					if (response.status !== 429) return response;
					await sleep(Number(response.headers.get('retry-after') ?? '1') * 1000);
				}
			}),
		);
	}
}

/** A resource locator value as n8n stores it. */
export function locator(value: string) {
	return { __rl: true, mode: 'id', value };
}

/**
 * Wall time of `action`, and the CPU time the process used meanwhile (the client's and the
 * in-process fake's or replay's, the same for both clients): unlike wall time, CPU time is barely
 * moved by other work on the machine.
 */
export async function timed<T>(
	action: () => Promise<T>,
): Promise<{ ms: number; cpuMs: number; value: T }> {
	const startCpu = cpuMs();
	const start = performance.now();
	const value = await action();
	return { ms: performance.now() - start, cpuMs: cpuMs() - startCpu, value };
}

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export const round = (value: number, digits = 0) => {
	const factor = 10 ** digits;
	return Math.round(value * factor) / factor;
};

/** Items the node output with an error (Continue On Fail). */
export function failedItems(items: INodeExecutionData[]): INodeExecutionData[] {
	return items.filter((item) => item.error !== undefined || item.json.error !== undefined);
}

/** Samples RSS and heap every few ms while something runs; stop() gives the peaks seen. */
export function sampleMemory(intervalMs = 5) {
	let peakRss = memory().rss;
	let peakHeap = memory().heapUsed;
	let running = true;
	const loop = (async () => {
		while (running) {
			const now = memory();
			peakRss = Math.max(peakRss, now.rss);
			peakHeap = Math.max(peakHeap, now.heapUsed);
			await sleep(intervalMs);
		}
	})();
	return {
		async stop() {
			running = false;
			await loop;
			const now = memory();
			return { rss: Math.max(peakRss, now.rss), heapUsed: Math.max(peakHeap, now.heapUsed) };
		},
	};
}

export const MB = 1024 * 1024;

export const LIST_ALL_USERS: INodeParameters = {
	resource: 'user',
	operation: 'getAll',
	returnAll: true,
};
export const LIST_ONE_PAGE_OF_USERS: INodeParameters = {
	resource: 'user',
	operation: 'getAll',
	limit: USERS_PAGE_SIZE,
};

/** The requests the fake received, as `METHOD path query`. */
export const callsOf = (fake: FakeHex) =>
	fake.requests.map(({ method, path, query }) => `${method} ${path} ${JSON.stringify(query)}`);

export interface OnFake {
	recordings: Map<string, Recorded>;
	token: string;
	rawCalls: string[];
	rawItems: number;
	/** Only when the node ran on the fake too. */
	nodeCalls?: string[];
	nodeItems?: number;
}

/**
 * User → Get Many, Return All on the fake Hex (which validates every request and answer): the raw
 * client's answers are recorded for the replay; with `withNode` the node runs too, so that its
 * requests are counted where they are checked against Hex's spec.
 */
export async function listUsersOnFake(users: number, withNode: boolean): Promise<OnFake> {
	const bench = await startBench({ users, projects: 5, dataConnections: 1 }, 0);
	try {
		const recordings = new Map<string, Recorded>();
		const raw = new RawHex(bench.fake.baseUrl, bench.fake.token, recordings);
		const rawItems = (await raw.listUsers()).length;
		const result: OnFake = {
			recordings,
			token: bench.fake.token,
			rawCalls: callsOf(bench.fake),
			rawItems,
		};
		if (withNode) {
			bench.reset();
			const run = await bench.node(LIST_ALL_USERS);
			if (run.error) throw run.error;
			result.nodeCalls = callsOf(bench.fake);
			result.nodeItems = run.items.length;
		}
		if (bench.fake.internalErrors.length) throw new Error(bench.fake.internalErrors.join('\n'));
		return result;
	} finally {
		await bench.close();
	}
}
