import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { PackageDirectoryLoader } from 'n8n-core';
import type { INodeType } from 'n8n-workflow';

import { asN8nRunsIt, HEX_NODE_TYPE, HexNodeTypes } from '../../../harness/engine';
import type { HexTestbed } from '../../../support/hex';
import { locator, startTestbed } from '../../../support/hex';

/*
 * The package as users get it: n8n's PackageDirectoryLoader loads the built package (dist/),
 * which adds n8n's Request Options to the Hex node. Its Proxy and Timeout must reach every request
 * the node sends, status polls included.
 */
// This file's path, less test/nodes/Hex/loaded/…: the repository (no node:path in this package).
const REPO_ROOT = String(expect.getState().testPath).replace(/[\\/]test[\\/]nodes[\\/].*$/, '');

/** An HTTP proxy on 127.0.0.1 that forwards each request and records the address asked for. */
async function startProxy() {
	const seen: string[] = [];
	const app = new Hono();
	app.all('*', async (c) => {
		seen.push(`${c.req.method} ${new URL(c.req.url).pathname}`);
		const body = ['GET', 'HEAD'].includes(c.req.method) ? undefined : await c.req.arrayBuffer();
		const answer = await fetch(c.req.url, {
			method: c.req.method,
			headers: c.req.raw.headers,
			body,
		});
		return new Response(await answer.arrayBuffer(), {
			status: answer.status,
			headers: answer.headers,
		});
	});
	const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
		const started = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () =>
			resolve(started),
		);
	});
	const { port } = server.address() as { port: number };
	return {
		url: `http://127.0.0.1:${port}`,
		seen,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

describe('n8n’s Request Options reach every request (package loaded by n8n’s loader)', () => {
	let hex: HexTestbed;
	let nodeTypes: HexNodeTypes;
	let projectId: string;

	beforeAll(async () => {
		hex = await startTestbed({ users: 5, projects: 5 });
		projectId = hex.fake.state.projects[0].id;
		const loader = new PackageDirectoryLoader(REPO_ROOT);
		await loader.loadAll();
		const hexNode = loader.nodeTypes.hex.type as INodeType;
		nodeTypes = new HexNodeTypes({ [HEX_NODE_TYPE]: asN8nRunsIt(hexNode) });
		// The built package's own clock: its pauses return at once.
		const built = (await import(`${REPO_ROOT}/dist/nodes/Hex/shared/hexRequest.js`)) as {
			clock: { pause: () => Promise<void> };
		};
		jest.spyOn(built.clock, 'pause').mockResolvedValue(undefined);
	});
	afterAll(async () => {
		jest.restoreAllMocks();
		await hex.fake.close();
	});
	beforeEach(() => hex.fake.reset());

	test('the loader merges the retry settings into n8n’s Request Options', () => {
		const hexNode = nodeTypes.getByNameAndVersion(HEX_NODE_TYPE);
		const requestOptions = hexNode.description.properties.filter(
			(property) => property.name === 'requestOptions',
		);
		expect(requestOptions).toHaveLength(1);
		expect((requestOptions[0].options ?? []).map((option) => option.name).sort()).toEqual([
			'allowUnauthorizedCerts',
			'batching',
			'maxRetries',
			'maxRetryWait',
			'proxy',
			'retryOnRateLimit',
			'timeout',
		]);
	});

	test('Proxy carries the start and every status poll of the wait', async () => {
		const proxy = await startProxy();
		try {
			const run = await hex.run(
				{
					resource: 'run',
					operation: 'start',
					runProjectId: locator(projectId),
					waitForCompletion: true,
					requestOptions: { proxy: proxy.url },
				},
				{ nodeTypes },
			);
			expect(run.error).toBeUndefined();
			const [started] = hex.fake.state.runsOf(projectId);
			const runs = `/api/v1/projects/${projectId}/runs`;
			expect(proxy.seen).toEqual([
				`POST ${runs}`,
				`GET ${runs}/${started.runId}`,
				`GET ${runs}/${started.runId}`,
				`GET ${runs}/${started.runId}`,
			]);
			expect(hex.fake.requests).toHaveLength(proxy.seen.length);
		} finally {
			await proxy.close();
		}
	});

	test('Timeout applies to status polls: a poll that never answers is given up after it', async () => {
		// Far past the 1 s timeout; without it the poll would wait n8n's 300 s and the test time out.
		hex.fake.injectFault({ operationId: 'GetRunStatus', skip: 1, delayMs: 600_000 });
		const run = await hex.run(
			{
				resource: 'run',
				operation: 'start',
				runProjectId: locator(projectId),
				waitForCompletion: true,
				requestOptions: { timeout: 1000 },
			},
			{ nodeTypes },
		);
		expect(run.error).toBeUndefined();
		expect(run.items.map((item) => item.json.status)).toEqual(['COMPLETED']);
	});
});
