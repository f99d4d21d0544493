// A replay of the fake Hex's answers, for timing and memory: the fake validates every request and
// answer with zod and (for users) sorts the whole list per page, on the same thread as the client
// being measured, ~35 ms per page of 500 users. The replay serves the recorded answers (as the fake
// sent them, byte for byte) after the configured latency, so what is timed is the client.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { sleep } from 'n8n-workflow';

export interface Recorded {
	status: number;
	body: string;
}

/** Method, path and query (sorted), as the fake saw them: the key of a recorded answer. */
export function requestKey(method: string, url: URL): string {
	const query = [...url.searchParams.entries()]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([key, value]) => `${key}=${value}`)
		.join('&');
	return `${method.toUpperCase()} ${url.pathname}?${query}`;
}

export interface Replay {
	/** http://127.0.0.1:<port>/api, like the fake's. */
	baseUrl: string;
	/** Keys of the requests received since the last reset. */
	requests: string[];
	/** Requests that had no recorded answer (answered 404). */
	unknown: string[];
	reset(): void;
	close(): Promise<void>;
}

export async function startReplay(
	recordings: Map<string, Recorded>,
	latencyMs: number,
): Promise<Replay> {
	const requests: string[] = [];
	const unknown: string[] = [];
	const app = new Hono();
	app.all('*', async (c) => {
		const key = requestKey(c.req.method, new URL(c.req.url));
		requests.push(key);
		if (latencyMs > 0) await sleep(latencyMs);
		const recorded = recordings.get(key);
		if (!recorded) {
			unknown.push(key);
			return new Response(`No recorded answer for ${key}`, { status: 404 });
		}
		return new Response(recorded.body, {
			status: recorded.status,
			headers: { 'content-type': 'application/json; charset=utf-8' },
		});
	});
	const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
		const s = serve(
			{ fetch: app.fetch, hostname: '127.0.0.1', port: 0, overrideGlobalObjects: false },
			() => resolve(s),
		);
	});
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return {
		baseUrl: `http://127.0.0.1:${port}/api`,
		requests,
		unknown,
		reset() {
			requests.length = 0;
			unknown.length = 0;
		},
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.close((error?: Error) => (error ? reject(error) : resolve()));
				if ('closeAllConnections' in server) server.closeAllConnections();
			}),
	};
}
