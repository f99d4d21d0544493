import type { HexTestbed } from '../../../../support/hex';
import { expectedRequest, json, startTestbed } from '../../../../support/hex';

describe('Hex API Request resource (engine)', () => {
	let hex: HexTestbed;

	beforeAll(async () => {
		hex = await startTestbed({ users: 20, projects: 5 });
	});
	afterAll(async () => await hex.fake.close());
	beforeEach(() => hex.fake.reset());
	afterEach(() => expect(hex.fake.internalErrors).toEqual([]));

	const call = (parameters: Record<string, unknown>) =>
		hex.run({ resource: 'customApiCall', operation: 'request', ...parameters });

	test('GET sends the path with the credential and outputs the answer as one item', async () => {
		const run = await call({ method: 'GET', path: ' /v1/users/me ' });
		expect(run.error).toBeUndefined();
		expect(hex.sent()).toEqual([expectedRequest(hex, { method: 'GET', path: '/api/v1/users/me' })]);
		const me = hex.fake.state.findUser(hex.fake.state.meUserId);
		expect(json(run)).toEqual([expect.objectContaining({ id: me?.id, email: me?.email })]);
	});

	test('GET is the default and sends query parameters, a repeated name as repeated keys', async () => {
		const run = await call({
			path: '/v1/projects',
			queryParameters: {
				parameter: [
					{ name: 'limit', value: '2' },
					{ name: ' statuses ', value: 'Approved' },
					{ name: 'statuses', value: 'Deprecated' },
				],
			},
		});
		expect(run.error).toBeUndefined();
		expect(hex.sent()).toEqual([
			expectedRequest(hex, {
				method: 'GET',
				path: '/api/v1/projects',
				query: { limit: '2', statuses: ['Approved', 'Deprecated'] },
			}),
		]);
		// A list answer is one item, as Hex sent it (values and pagination).
		expect(json(run)).toEqual([{ values: expect.any(Array), pagination: expect.any(Object) }]);
	});

	test('POST sends the JSON body and outputs what Hex created', async () => {
		const run = await call({
			method: 'POST',
			path: '/v1/projects',
			jsonBody: '{"title": "Made by hand", "description": "via the custom call"}',
		});
		expect(run.error).toBeUndefined();
		expect(hex.sent()).toEqual([
			expectedRequest(hex, {
				method: 'POST',
				path: '/api/v1/projects',
				body: { title: 'Made by hand', description: 'via the custom call' },
			}),
		]);
		expect(json(run)).toEqual([expect.objectContaining({ title: 'Made by hand' })]);
	});

	test('PATCH with a body given as an object by an expression', async () => {
		const project = hex.fake.state.projects[1];
		const status = hex.fake.state.statuses[1];
		const run = await call({
			method: 'PATCH',
			path: `/v1/projects/${project.id}`,
			jsonBody: `={{ { status: "${status}" } }}`,
		});
		expect(run.error).toBeUndefined();
		expect(hex.sent()[0]).toEqual(
			expectedRequest(hex, {
				method: 'PATCH',
				path: `/api/v1/projects/${project.id}`,
				body: { status },
			}),
		);
		expect(project.status).toEqual({ name: status });
	});

	test('a 204 answer outputs success, and an empty JSON Body sends no body', async () => {
		const projectId = hex.fake.state.projects[0].id;
		const { runId } = hex.fake.state.addRun(projectId, { status: 'RUNNING' });
		const run = await call({
			method: 'DELETE',
			path: `/v1/projects/${projectId}/runs/${runId}`,
			jsonBody: '  ',
		});
		expect(run.error).toBeUndefined();
		expect(hex.sent()).toEqual([
			expectedRequest(hex, {
				method: 'DELETE',
				path: `/api/v1/projects/${projectId}/runs/${runId}`,
			}),
		]);
		expect(json(run)).toEqual([{ success: true }]);
	});

	test.each(['{}', '[]', '={{ {} }}'])(
		'the JSON Body %s is sent as it is (n8n would drop an empty object)',
		async (jsonBody) => {
			const projectId = hex.fake.state.projects[0].id;
			await call({ method: 'POST', path: `/v1/projects/${projectId}/runs`, jsonBody });
			const [sent] = hex.fake.requests;
			expect(sent.method).toBe('POST');
			expect(sent.headers['content-type']).toMatch(/^application\/json/);
			expect(sent.body).toEqual(jsonBody === '[]' ? [] : {});
		},
	);

	test('an array answer becomes one item per element', async () => {
		hex.fake.injectFault({
			operationId: 'Me',
			status: 200,
			contentType: 'application/json',
			body: '[{"a": 1}, {"a": 2}, 3]',
		});
		const run = await call({ path: '/v1/users/me' });
		expect(run.error).toBeUndefined();
		expect(json(run)).toEqual([{ a: 1 }, { a: 2 }, { value: 3 }]);
	});

	test('Hex errors read as in every operation', async () => {
		const run = await call({ path: '/v1/no-such-route' });
		expect(run.error?.message).toMatch(/^Hex API error 404 NOT_FOUND: No route for GET/);
	});

	test('a GET that meets a 503 is retried', async () => {
		hex.fake.injectFault({ operationId: 'Me', status: 503 });
		const run = await call({ path: '/v1/users/me', requestOptions: { maxRetryWait: 1 } });
		expect(run.error).toBeUndefined();
		expect(hex.sent()).toHaveLength(2);
	});

	test('a POST that meets a 502 is not sent again: the method is the one chosen', async () => {
		hex.fake.injectFault({ operationId: 'CreateProject', status: 502 });
		const run = await call({ method: 'POST', path: '/v1/projects', jsonBody: '{"title": "x"}' });
		expect(run.error?.message).toMatch(/^Hex API error 502/);
		expect(run.error?.description).toContain('it was not sent again');
		expect(hex.sent()).toHaveLength(1);
	});

	test.each([
		['v1/users/me', 'The "Path" parameter must start with /v1/, got "v1/users/me"'],
		['/api/v1/users/me', 'The "Path" parameter must start with /v1/, got "/api/v1/users/me"'],
		['/v2/users', 'The "Path" parameter must start with /v1/, got "/v2/users"'],
		['', 'The "Path" parameter is empty'],
		['/v1/../admin', 'The "Path" parameter must not contain ".."'],
		['/v1/%2e%2e/admin', 'The "Path" parameter must not contain an encoded dot (%2E)'],
		['/v1/users%2Fme', 'The "Path" parameter must not contain an encoded slash (%2F or %5C)'],
		['/v1\\..\\admin', 'The "Path" parameter must not contain ".."'],
		['/v1/users\\me', 'The "Path" parameter must not contain a backslash'],
		[
			'/v1/users?limit=1',
			'The "Path" parameter must not contain "?" (use Query Parameters instead)',
		],
		['/v1/users#me', 'The "Path" parameter must not contain "#"'],
		['/v1/users me', 'The "Path" parameter must not contain spaces or control characters'],
		['/v1/users\u0007', 'The "Path" parameter must not contain spaces or control characters'],
		['https://evil.example.com/v1/users', 'The "Path" parameter must not contain a scheme or host'],
		['//evil.example.com/v1/users', 'The "Path" parameter must not contain "//"'],
		['/v1//evil.example.com', 'The "Path" parameter must not contain "//"'],
		['javascript:alert(1)', 'The "Path" parameter must not contain a scheme or host'],
	])('refuses the path %j, sending nothing', async (path, message) => {
		const run = await call({ path: `={{ ${JSON.stringify(path)} }}` });
		expect(run.error?.message).toBe(message);
		expect(run.error?.description).toContain('Nothing was sent to Hex.');
		expect(hex.fake.requests).toEqual([]);
	});

	test.each([
		['{"title": ', 'The "JSON Body" parameter is not valid JSON'],
		['"just text"', 'The "JSON Body" parameter must be a JSON object or array'],
		['42', 'The "JSON Body" parameter must be a JSON object or array'],
	])('refuses the body %j, sending nothing', async (jsonBody, message) => {
		const run = await call({ method: 'POST', path: '/v1/projects', jsonBody });
		expect(run.error?.message).toBe(message);
		expect(hex.fake.requests).toEqual([]);
	});

	test('refuses a query parameter without a name, sending nothing', async () => {
		const run = await call({
			path: '/v1/projects',
			queryParameters: { parameter: [{ name: ' ', value: '1' }] },
		});
		expect(run.error?.message).toBe('Query parameter 1 has no name');
		expect(hex.fake.requests).toEqual([]);
	});
});
