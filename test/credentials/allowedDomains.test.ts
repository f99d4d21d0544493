import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { isDomainAllowed } from 'n8n-workflow';

import { runHexNode, StoppingCredentialsHelper } from '../harness/engine';
import type { HexTestbed } from '../support/hex';
import { locator, startTestbed } from '../support/hex';

const PROJECT_ID = '5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c';
const GET_PROJECT = { resource: 'project', operation: 'get', projectId: locator(PROJECT_ID) };
const SPECIFIC = { allowedHttpRequestDomains: 'domains', allowedDomains: 'example.com' };

/** The address n8n sends to, and the allow-list it checks that address against. */
async function requestFor(credentials: ICredentialDataDecryptedObject) {
	const helper = new StoppingCredentialsHelper(credentials);
	const run = await runHexNode({ parameters: GET_PROJECT, credentials, credentialsHelper: helper });
	expect(run.error?.message).toMatch(/stopped before sending/);
	const [request] = helper.seen;
	return {
		url: `${request.baseURL ?? ''}${request.url}`,
		allowedDomains: request.allowedDomains ?? '',
	};
}

describe('"Allowed HTTP Request Domains: Specific Domains" on the Hex API credential', () => {
	test.each([
		['app', { subdomain: 'app' }, 'https://app.hex.tech/api'],
		['eu', { subdomain: 'eu' }, 'https://eu.hex.tech/api'],
		['a single-tenant name', { subdomain: 'acme' }, 'https://acme.hex.tech/api'],
		['a single-tenant host', { subdomain: 'acme.hex.tech' }, 'https://acme.hex.tech/api'],
		['a pasted address', { subdomain: 'https://eu.hex.tech/acme/hex' }, 'https://eu.hex.tech/api'],
		[
			'a Base URL',
			{ subdomain: 'app', baseUrl: 'https://hex-proxy.example.org/api' },
			'https://hex-proxy.example.org/api',
		],
	])('the node may reach the credential host for %s', async (_label, host, base) => {
		for (const restriction of [SPECIFIC, { ...SPECIFIC, allowedDomains: '' }]) {
			const { url, allowedDomains } = await requestFor({
				apiToken: 'hxtp_test',
				baseUrl: '',
				...host,
				...restriction,
			});
			expect(url).toBe(`${base}/v1/projects/${PROJECT_ID}`);
			// What n8n checks right before sending (throwIfDomainNotAllowed).
			expect(allowedDomains).not.toBe('');
			expect(isDomainAllowed({ url, allowedDomains })).toBe(true);
			// The user's own list still applies to every other host.
			expect(isDomainAllowed({ url: 'https://evil.example.net/x', allowedDomains })).toBe(false);
		}
	});

	describe('end to end, with the fake Hex as the Base URL', () => {
		let hex: HexTestbed;

		beforeAll(async () => {
			hex = await startTestbed({ projects: 2 });
		});
		afterAll(async () => await hex.fake.close());

		test('a project is read with only example.com in the list', async () => {
			const project = hex.fake.state.projects[0];
			const run = await runHexNode({
				parameters: { ...GET_PROJECT, projectId: locator(project.id) },
				credentials: { ...hex.credentials, ...SPECIFIC },
			});
			expect(run.error).toBeUndefined();
			expect(run.items.map((item) => item.json.id)).toEqual([project.id]);
		});
	});
});
