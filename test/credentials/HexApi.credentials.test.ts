import type { IHttpRequestOptions } from 'n8n-workflow';

import { HexApi } from '../../credentials/HexApi.credentials';
import {
	authorizeHexRequest,
	normalizeHexSubdomain,
	resolveHexApiBaseUrl,
} from '../../nodes/Hex/shared/baseUrl';

// A made-up personal token shape (hxtp_ + 96 hex digits); distinctive so leaks are easy to spot.
const TOKEN = `hxtp_${'5eed'.repeat(24)}`;

describe('Hex API credential: subdomain normalisation', () => {
	test.each([
		['app', 'app'],
		['APP', 'app'],
		['  eu  ', 'eu'],
		['hc', 'hc'],
		['atreides', 'atreides'],
		['app.hex.tech', 'app'],
		['eu.hex.tech', 'eu'],
		['https://app.hex.tech', 'app'],
		['https://app.hex.tech/', 'app'],
		['https://app.hex.tech/anything', 'app'],
		[
			'https://atreides.hex.tech/acme/hex/5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c/draft/logic',
			'atreides',
		],
		['app.hex.tech/acme/app/latest', 'app'],
		['http://eu.hex.tech', 'eu'],
		['tenant-01', 'tenant-01'],
	])('accepts %j as %j', (input, expected) => {
		expect(normalizeHexSubdomain(input)).toBe(expected);
	});

	test.each([
		['', /Subdomain is empty/],
		['   ', /Subdomain is empty/],
		['evil.com', /not valid/],
		['app.evil.com', /not valid/],
		['app.hex.tech.evil.com', /not valid/],
		['https://evil.com/app.hex.tech', /not valid/],
		['https://app.hex.tech@evil.com', /not valid/],
		['https://user:pw@app.hex.tech', /not valid/],
		['https://app.hex.tech:8443', /not valid/],
		['ftp://app.hex.tech', /not valid/],
		['a.b.hex.tech', /not valid/],
		['hex.tech', /not valid/],
		['app_1', /not valid/],
		['-app', /not valid/],
		['app-', /not valid/],
		['evil.com#.hex.tech', /not valid/],
		['evil.com?.hex.tech', /not valid/],
		['app hex', /not valid/],
		['x'.repeat(64), /not valid/],
	])('rejects %j', (input, message) => {
		expect(() => normalizeHexSubdomain(input)).toThrow(message);
	});

	test('the rejection message explains the fix', () => {
		expect(() => normalizeHexSubdomain('evil.com')).toThrow(
			/Enter only the first part of your Hex address: "app" for app.hex.tech, "eu" for the EU region, "hc" for HIPAA.*fill in Base URL instead/,
		);
	});
});

describe('Hex API credential: base URL', () => {
	test.each([
		[{ subdomain: 'app' }, 'https://app.hex.tech/api'],
		[{ subdomain: 'https://eu.hex.tech/acme' }, 'https://eu.hex.tech/api'],
		[
			{ subdomain: 'app', baseUrl: 'https://proxy.example.com/api' },
			'https://proxy.example.com/api',
		],
		[
			{ subdomain: 'app', baseUrl: 'https://proxy.example.com/api/' },
			'https://proxy.example.com/api',
		],
		[
			{ subdomain: 'app', baseUrl: 'https://proxy.example.com/api/v1' },
			'https://proxy.example.com/api',
		],
		[
			{ subdomain: 'app', baseUrl: 'http://127.0.0.1:8080/hex/api' },
			'http://127.0.0.1:8080/hex/api',
		],
		...[
			'http://localhost:8080/api',
			'http://10.1.2.3/api',
			'http://172.20.0.5:8080/api',
			'http://192.168.1.10/api',
			'http://[::1]:8080/api',
			'http://[fd00::1]/api',
			'http://hex-proxy:8080/api',
			'http://proxy.internal/api',
			'http://proxy.local/api',
		].map((baseUrl): [{ subdomain: string; baseUrl: string }, string] => [
			{ subdomain: 'app', baseUrl },
			baseUrl,
		]),
		[
			{ subdomain: 'not a label!', baseUrl: 'https://proxy.example.com/api' },
			'https://proxy.example.com/api',
		],
		[{ subdomain: 'app', baseUrl: '   ' }, 'https://app.hex.tech/api'],
	])('%j resolves to %s', (credentials, expected) => {
		expect(resolveHexApiBaseUrl(credentials)).toBe(expected);
	});

	test.each([
		['proxy.example.com/api', /not a full URL/],
		['ftp://proxy.example.com/api', /must start with https/],
		['http://proxy.example.com/api', /uses http:\/\/ for a host on the internet/],
		['http://8.8.8.8/api', /uses http:\/\/ for a host on the internet/],
		['http://172.32.0.1/api', /uses http:\/\/ for a host on the internet/],
		['http://app.hex.tech/api', /uses http:\/\/ for a host on the internet/],
		['https://user:secret@proxy.example.com/api', /must not contain a user name/],
		['https://proxy.example.com/api?x=1', /must not contain/],
	])('rejects Base URL %j', (baseUrl, message) => {
		expect(() => resolveHexApiBaseUrl({ subdomain: 'app', baseUrl })).toThrow(message);
	});
});

describe('Hex API credential: authenticate', () => {
	const credentials = { subdomain: 'eu.hex.tech', apiToken: ` ${TOKEN} `, baseUrl: '' };

	test('pins relative routes to the resolved host and adds the Bearer token', async () => {
		const request: IHttpRequestOptions = {
			url: '/v1/users/me',
			baseURL: 'https://somewhere-else.example.com',
			headers: { Accept: 'application/json' },
		};
		const authorized = await authorizeHexRequest(credentials, request);
		expect(authorized.baseURL).toBe('https://eu.hex.tech/api');
		expect(authorized.url).toBe('/v1/users/me');
		expect(authorized.headers).toEqual({
			Accept: 'application/json',
			Authorization: `Bearer ${TOKEN}`,
		});
		expect(request.headers).toEqual({ Accept: 'application/json' });
	});

	test('allows an absolute URL under the Hex API root', async () => {
		const authorized = await authorizeHexRequest(credentials, {
			url: 'https://eu.hex.tech/api/v1/projects',
		});
		expect(authorized.headers?.Authorization).toBe(`Bearer ${TOKEN}`);
	});

	test.each([
		'https://evil.example.com/api/v1/projects',
		'https://eu.hex.tech.evil.example.com/api/v1/projects',
		'https://eu.hex.tech/apix/v1/projects',
		'https://app.hex.tech/api/v1/projects',
	])('refuses to send the token to %s, without echoing it', async (url) => {
		const attempt = authorizeHexRequest(credentials, { url });
		await expect(attempt).rejects.toThrow(
			/The Hex API token is only sent to https:\/\/eu.hex.tech\/api/,
		);
		await attempt.catch((error: Error) => expect(JSON.stringify(error)).not.toContain(TOKEN));
	});

	test('pins the legacy `uri` of the HTTP Request node the same way', async () => {
		const legacy = (uri: string) => ({ uri }) as unknown as IHttpRequestOptions;
		const authorized = await authorizeHexRequest(
			credentials,
			legacy('https://eu.hex.tech/api/v1/projects'),
		);
		expect(authorized.headers?.Authorization).toBe(`Bearer ${TOKEN}`);
		await expect(
			authorizeHexRequest(credentials, legacy('https://evil.example.com/api/v1/projects')),
		).rejects.toThrow(/The Hex API token is only sent to https:\/\/eu.hex.tech\/api/);
	});

	test('a crafted subdomain never produces a request', async () => {
		await expect(
			authorizeHexRequest({ ...credentials, subdomain: 'evil.com/x' }, { url: '/v1/users/me' }),
		).rejects.toThrow(/Subdomain "evil.com\/x" is not valid/);
	});

	test('an empty token is refused before sending', async () => {
		await expect(
			authorizeHexRequest({ ...credentials, apiToken: '  ' }, { url: '/v1/users/me' }),
		).rejects.toThrow(/API Token .* is empty/);
	});
});

describe('Hex API credential: type', () => {
	const credential = new HexApi();

	test('is named hexApi / Hex API with a password token field', () => {
		expect(credential.name).toBe('hexApi');
		expect(credential.displayName).toBe('Hex API');
		const token = credential.properties.find((property) => property.name === 'apiToken');
		expect(token?.typeOptions?.password).toBe(true);
		expect(credential.properties.map((property) => property.name)).toEqual([
			'subdomain',
			'apiToken',
			'baseUrl',
		]);
		expect(credential.properties[0].default).toBe('app');
	});

	test('tests with GET /v1/users/me and explains a 401', () => {
		expect(credential.test.request.url).toBe('/v1/users/me');
		expect(credential.test.request.method ?? 'GET').toBe('GET');
		expect(credential.test.rules).toEqual([
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: expect.stringMatching(
						/wrong or expired, .* another Hex region or tenant .*Base URL when it is set, else the Subdomain/,
					),
				},
			},
		]);
	});
});
