import { createLogger } from '@stoplight/prism-core';
import { getHttpOperationsFromSpec } from '@stoplight/prism-http';
import { createServer } from '@stoplight/prism-http-server';

import spec from '../hex-openapi/openapi.json';

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
