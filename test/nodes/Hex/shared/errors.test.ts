import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { HexTestbed } from '../../../support/hex';
import { locator, startTestbed } from '../../../support/hex';
import { runHexNode } from '../../../harness/engine';
import {
	credentialTargetFor,
	hexErrorHint,
	readHexError,
	unreachableHint,
} from '../../../../nodes/Hex/shared/errors';

const UNKNOWN_ID = '5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c';

describe('Hex errors become one readable n8n error', () => {
	let hex: HexTestbed;

	beforeAll(async () => {
		hex = await startTestbed({ users: 5, projects: 5 });
	});
	afterAll(async () => await hex.fake.close());
	beforeEach(() => hex.fake.reset());
	afterEach(() => expect(hex.fake.internalErrors).toEqual([]));

	function errorText(error: unknown): string {
		return JSON.stringify(error, Object.getOwnPropertyNames(error ?? {}));
	}

	test('{code, message} envelope: status, code, message, hint and trace ID', async () => {
		const run = await hex.run({
			resource: 'project',
			operation: 'get',
			projectId: locator(UNKNOWN_ID),
		});
		expect(run.error?.message).toMatch(/^Hex API error 404 NOT_FOUND: /);
		expect(run.error?.description).toMatch(
			/Not found: check the ID, and that the token’s user can see the resource\./,
		);
		expect(run.error?.description).toMatch(/Hex trace ID: \S+/);
		expect(errorText(run.error)).not.toContain(hex.fake.token);
	});

	test('{reason, details, traceId} envelope: reason, details as issues, trace ID', async () => {
		hex.fake.injectFault({
			operationId: 'ListProjects',
			status: 403,
			contentType: 'application/json',
			body: JSON.stringify({
				reason: 'Token is missing a scope',
				details: 'Projects: Read',
				traceId: 'trace-403',
			}),
		});
		const run = await hex.run({ resource: 'project', operation: 'getAll', limit: 5 });
		expect(run.error?.message).toBe('Hex API error 403: Token is missing a scope');
		expect(run.error?.description).toContain('- Projects: Read');
		expect(run.error?.description).toContain('check the token scopes');
		expect(run.error?.description).toContain('Hex trace ID: trace-403');
	});

	test('details given as a list of per-item failures are all shown', async () => {
		hex.fake.injectFault({
			operationId: 'UpdateDataConnectionSchema',
			status: 400,
			contentType: 'application/json',
			body: JSON.stringify({
				reason: 'Invalid updates',
				traceId: 'trace-400',
				details: [
					{ name: 'a.b', type: 'SCHEMA', reason: 'not_found' },
					{ name: 'a.b.c', type: 'TABLE', reason: 'invalid_status', value: 'Gold' },
				],
			}),
		});
		const run = await hex.run({
			resource: 'dataConnection',
			operation: 'updateSchema',
			dataConnectionId: locator(hex.fake.state.dataConnections[0].id),
			updates: { update: [{ type: 'TABLE', name: 'a.b.c', status: 'Gold' }] },
		});
		expect(run.error?.message).toBe('Hex API error 400: Invalid updates');
		expect(run.error?.description).toContain('- SCHEMA a.b: not_found');
		expect(run.error?.description).toContain('- TABLE a.b.c: invalid_status');
	});

	test('a bare-text 401 with a Base URL override names the override, not the subdomain', async () => {
		const run = await runHexNode({
			parameters: { resource: 'user', operation: 'getCurrent' },
			credentials: { subdomain: 'app', apiToken: 'hxtp_wrong', baseUrl: hex.fake.baseUrl },
		});
		expect(run.error?.message).toBe('Hex API error 401: Unauthorized');
		expect(run.error?.description).toContain(
			`Wrong or expired token, or a token that the API behind the Base URL override (${hex.fake.baseUrl}) does not accept`,
		);
		expect(run.error?.description).not.toContain('subdomain/region');
		expect(errorText(run.error)).not.toContain('hxtp_wrong');
	});

	test('the 401 hint without an override names the subdomain and the host it resolves to', async () => {
		const target = await credentialTargetFor(
			{ getCredentials: async () => ({ subdomain: 'eu', apiToken: 'hxtp_x', baseUrl: '' }) },
			401,
		);
		expect(target).toEqual({ apiRoot: 'https://eu.hex.tech/api', byBaseUrl: false });
		expect(hexErrorHint(401, target)).toBe(
			'Wrong token, expired token, or wrong subdomain/region (requests go to https://eu.hex.tech/api): check the Hex API credential.',
		);
		// Only a 401 reads the credential.
		expect(
			await credentialTargetFor(
				{
					getCredentials: async () => {
						throw new Error('not read');
					},
				},
				403,
			),
		).toBeUndefined();
	});

	test('a host that cannot be reached: the hint names the address and the field that sets it', async () => {
		const credential = (data: ICredentialDataDecryptedObject) => ({
			getCredentials: async () => data,
		});
		expect(
			await unreachableHint(credential({ subdomain: 'acme', apiToken: 'hxtp_x' }), 'ENOTFOUND'),
		).toBe(
			'Could not reach https://acme.hex.tech/api (ENOTFOUND): check the Subdomain in the Hex API credential (app, eu, hc or your single-tenant name), and that n8n can reach that host.',
		);
		expect(
			await unreachableHint(
				credential({ subdomain: 'app', apiToken: 'hxtp_x', baseUrl: 'https://hex.internal/api' }),
				'EAI_AGAIN',
			),
		).toMatch(
			/^Could not reach https:\/\/hex\.internal\/api \(EAI_AGAIN\), the credential's Base URL override: check the Base URL/,
		);
		// The token is never part of it.
		expect(
			await unreachableHint(
				credential({ subdomain: 'acme', apiToken: 'hxtp_secret' }),
				'ENOTFOUND',
			),
		).not.toContain('hxtp_secret');
	});

	test('a refused connection names the Base URL override the credential sends to', async () => {
		const gone = await startTestbed({ users: 1, projects: 1 });
		await gone.fake.close();
		const run = await gone.run({
			resource: 'user',
			operation: 'getAll',
			returnAll: false,
			limit: 1,
			requestOptions: { maxRetries: 0 },
		});
		expect(run.error?.description).toContain(
			`(ECONNREFUSED), the credential's Base URL override: check the Base URL in the Hex API credential`,
		);
		expect(run.error?.description).toContain(gone.fake.baseUrl.replace(/\/+$/, ''));
		expect(errorText(run.error)).not.toContain(gone.fake.token);
	});

	test('an HTML error page is reduced to its status, without a parse crash', async () => {
		hex.fake.injectFault({
			operationId: 'GetProject',
			status: 502,
			contentType: 'text/html',
			body: '<html><body><h1>502 Bad Gateway</h1></body></html>',
		});
		const run = await hex.run({
			resource: 'project',
			operation: 'get',
			projectId: locator(hex.fake.state.projects[0].id),
			requestOptions: { maxRetries: 0 },
		});
		expect(run.error?.message).toBe('Hex API error 502: HTTP 502');
		expect(run.error?.description).toContain('temporarily unreachable');
		expect(errorText(run.error)).not.toContain('<html>');
	});

	test('the trace ID header is used when the body has none', () => {
		expect(readHexError(500, 'oops', { 'X-Trace-Id': 'from-header' })).toEqual({
			status: 500,
			message: 'oops',
			issues: [],
			traceId: 'from-header',
		});
		expect(
			readHexError(
				400,
				Buffer.from('{"code":"BAD_REQUEST","message":"m","issues":[{"message":"i"}]}'),
			),
		).toEqual({
			status: 400,
			code: 'BAD_REQUEST',
			message: 'm',
			issues: ['i'],
			traceId: undefined,
		});
	});

	test('a refused connection names no token', async () => {
		const closed = await startTestbed({ users: 1, projects: 1 });
		await closed.fake.close();
		const run = await closed.run({ resource: 'user', operation: 'getCurrent' });
		expect(run.error).toBeDefined();
		expect(errorText(run.error)).not.toContain(closed.fake.token);
		expect(errorText(run.run)).not.toContain(closed.fake.token);
	});
});
