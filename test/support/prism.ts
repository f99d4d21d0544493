import { createLogger } from '@stoplight/prism-core';
import { getHttpOperationsFromSpec } from '@stoplight/prism-http';
import { createServer } from '@stoplight/prism-http-server';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { IDataObject } from 'n8n-workflow';

import spec from '../hex-openapi/openapi.json';
import { specOperations } from './operations';

type SpecPaths = Record<
	string,
	Record<string, { requestBody?: { content: Record<string, unknown> } }>
>;

/**
 * Hex's spec, with two documented gaps made explicit for Prism: the semantic routes are written
 * as a regex (`semantic-(projects|models)`), which Prism would match literally, and
 * IngestSemanticProject lists only its JSON flags although Hex takes the zip as multipart (see
 * HEX-API.md §3.10); the multipart variant keeps the same flags and adds the file part.
 */
function specForPrism(): object {
	const copy = JSON.parse(JSON.stringify(spec)) as { paths: SpecPaths };
	for (const path of Object.keys(copy.paths)) {
		if (!path.includes('semantic-(projects|models)')) continue;
		const methods = copy.paths[path];
		delete copy.paths[path];
		copy.paths[path.replace('semantic-(projects|models)', 'semantic-projects')] = methods;
	}
	const ingest = copy.paths['/v1/semantic-projects/{semanticProjectId}/ingest'].post.requestBody;
	const json = ingest?.content['application/json'] as { schema: { properties: object } };
	if (ingest && json) {
		ingest.content['multipart/form-data'] = {
			schema: {
				type: 'object',
				properties: { ...json.schema.properties, file: { type: 'string', format: 'binary' } },
				required: ['file'],
			},
		};
	}
	return copy;
}

export interface PrismMock {
	/** Base URL for the credential's Base URL override (Prism serves the spec's paths at its root). */
	baseUrl: string;
	close(): Promise<void>;
}

/**
 * Prism's mock server for Hex's spec, in this process. `errors: true` makes every request that
 * breaks the spec (path, query, body, security) come back as an error response instead of a
 * warning header, so the node's run fails and the contract test fails with it.
 */
export async function startPrism(port: number): Promise<PrismMock> {
	const operations = await getHttpOperationsFromSpec(specForPrism());
	const server = createServer(operations, {
		cors: false,
		components: { logger: createLogger('hex-contract', { level: 'silent' }) },
		config: {
			checkSecurity: true,
			validateRequest: true,
			validateResponse: false,
			errors: true,
			isProxy: false,
			upstreamProxy: undefined,
			mock: { dynamic: false, ignoreExamples: false },
		},
	});
	const address = await server.listen(port, '127.0.0.1');
	return { baseUrl: address.replace(/\/$/, ''), close: async () => await server.close() };
}

/** A spec operation's route as a pattern over request paths (`{…}` is one path segment). */
function routePatterns(): Array<{ operationId: string; method: string; pattern: RegExp }> {
	return specOperations().map(({ operationId, method, path }) => ({
		operationId,
		method,
		pattern: new RegExp(`^${path.replace(/\{\w+\}/g, '[^/]+')}$`),
	}));
}

/**
 * Prism behind a proxy on 127.0.0.1 that changes some of Prism's JSON answers (by operationId)
 * on their way back. Requests pass unchanged, so Prism still checks each against the spec.
 */
export async function withAdjustedAnswers(
	prism: PrismMock,
	answers: Record<string, (body: IDataObject) => IDataObject>,
): Promise<PrismMock> {
	const routes = routePatterns();
	const app = new Hono();
	app.all('*', async (c) => {
		const url = new URL(c.req.url);
		const headers: Record<string, string> = {};
		c.req.raw.headers.forEach((value, name) => {
			if (!['host', 'connection', 'content-length'].includes(name)) headers[name] = value;
		});
		const hasBody = !['GET', 'HEAD'].includes(c.req.method);
		const answer = await fetch(`${prism.baseUrl}${url.pathname}${url.search}`, {
			method: c.req.method,
			headers,
			body: hasBody ? await c.req.arrayBuffer() : undefined,
		});
		let text = await answer.text();
		const route = routes.find(
			(candidate) => candidate.method === c.req.method && candidate.pattern.test(url.pathname),
		);
		const adjust = route && answer.ok ? answers[route.operationId] : undefined;
		if (adjust) text = JSON.stringify(adjust(JSON.parse(text) as IDataObject));
		return new Response(text === '' ? null : text, {
			status: answer.status,
			headers: { 'content-type': answer.headers.get('content-type') ?? 'application/json' },
		});
	});
	const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
		const started = serve(
			{ fetch: app.fetch, hostname: '127.0.0.1', port: 0, overrideGlobalObjects: false },
			() => resolve(started),
		);
	});
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return {
		baseUrl: `http://127.0.0.1:${port}`,
		close: async () =>
			await new Promise<void>((resolve, reject) => {
				server.close((error?: Error) => (error ? reject(error) : resolve()));
				if ('closeAllConnections' in server) server.closeAllConnections();
			}),
	};
}
