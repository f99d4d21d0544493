import { createLogger } from '@stoplight/prism-core';
import { getHttpOperationsFromSpec } from '@stoplight/prism-http';
import { createServer } from '@stoplight/prism-http-server';

import spec from '../../../shared/hex-openapi/openapi.json';

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
	const operations = await getHttpOperationsFromSpec(JSON.parse(JSON.stringify(spec)) as object);
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
