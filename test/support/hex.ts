import type { ExecutionError, ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { FakeHex, FakeHexOptions, RecordedRequest } from '../fake-hex/server';
import { startFakeHex } from '../fake-hex/server';
import type { HexRun, RunHexNodeOptions } from '../harness/engine';
import { runHexNode } from '../harness/engine';

export interface HexTestbed {
	fake: FakeHex;
	credentials: ICredentialDataDecryptedObject;
	/** Runs the node against the fake with this testbed's credential. */
	run(
		parameters: INodeParameters,
		options?: Omit<RunHexNodeOptions, 'parameters' | 'credentials'>,
	): Promise<HexRun>;
	/**
	 * Runs the node and expects it to refuse the input before any request: it fails with exactly
	 * `message` and the fake received nothing. Returns the error, for checks on its description.
	 */
	refuses(
		parameters: INodeParameters,
		message: string,
		options?: Omit<RunHexNodeOptions, 'parameters' | 'credentials'>,
	): Promise<ExecutionError>;
	/** The requests the fake received, reduced to what a test asserts on. */
	sent(): SentRequest[];
}

export interface SentRequest {
	method: string;
	path: string;
	query: RecordedRequest['query'];
	body: unknown;
	authorization?: string;
}

export async function startTestbed(options: FakeHexOptions = {}): Promise<HexTestbed> {
	const fake = await startFakeHex(options);
	// A crafted subdomain proves the Base URL override wins (tests never reach hex.tech).
	const credentials = { subdomain: 'app', apiToken: fake.token, baseUrl: fake.baseUrl };
	const run: HexTestbed['run'] = async (parameters, runOptions = {}) =>
		await runHexNode({ ...runOptions, parameters, credentials });
	const sent = () =>
		fake.requests.map((request) => ({
			method: request.method,
			path: request.path,
			query: request.query,
			body: request.body,
			authorization: request.headers.authorization,
		}));
	return {
		fake,
		credentials,
		run,
		refuses: async (parameters, message, runOptions) => {
			const { error } = await run(parameters, runOptions);
			expect(error?.message).toBe(message);
			expect(sent()).toEqual([]);
			return error as ExecutionError;
		},
		sent,
	};
}

/** A resource locator value as n8n stores it. */
export function locator(value: string, mode: 'id' | 'url' | 'list' = 'id') {
	return { __rl: true, mode, value };
}

export function json(run: HexRun): unknown[] {
	return run.items.map((item) => item.json);
}

/** The full request a test expects, with the defaults of a request that has no query or body. */
export function expectedRequest(
	hex: HexTestbed,
	request: Pick<SentRequest, 'method' | 'path'> & Partial<SentRequest>,
): SentRequest {
	return {
		query: {},
		body: undefined,
		authorization: `Bearer ${hex.fake.token}`,
		...request,
	};
}

/**
 * Waits until `condition` holds, checking every 20 ms. The bound only stops a broken test; it is
 * far beyond what a busy machine needs, so no test races the clock.
 */
export async function waitFor(condition: () => boolean, boundMs = 60_000): Promise<void> {
	for (let waited = 0; !condition(); waited += 20) {
		if (waited >= boundMs) throw new Error(`condition not met after ${boundMs} ms`);
		await sleep(20);
	}
}
