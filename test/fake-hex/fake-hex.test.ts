import { operationSchemas } from './schemas';
import type { ResponseOf } from './schemas';
import { startFakeHex } from './server';
import type { FakeHex } from './server';

/** Both error envelopes, loosely (a test reads whichever the operation uses). */
interface ErrorBody {
	code: string;
	message: string;
	issues: Array<{ message: string }>;
	reason: string;
	details: unknown;
	traceId: string;
}

describe('fake Hex API', () => {
	let fake: FakeHex;

	beforeAll(async () => {
		fake = await startFakeHex();
	});

	afterAll(async () => {
		await fake.close();
	});

	afterEach(() => {
		expect(fake.internalErrors).toEqual([]);
		fake.reset();
	});

	const call = async <T = ErrorBody>(
		method: string,
		path: string,
		body?: unknown,
		headers: Record<string, string> = {},
	) => {
		const response = await fetch(`${fake.baseUrl}${path}`, {
			method,
			headers: {
				authorization: `Bearer ${fake.token}`,
				...(body !== undefined ? { 'content-type': 'application/json' } : {}),
				...headers,
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		let json: unknown;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			json = undefined;
		}
		return { status: response.status, headers: response.headers, text, json: json as T };
	};

	it('answers 401 with a bare text body without a valid token', async () => {
		const response = await fetch(`${fake.baseUrl}/v1/users/me`);
		expect(response.status).toBe(401);
		expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
		expect(await response.text()).toBe('Unauthorized');

		const wrong = await call('GET', '/v1/users/me', undefined, {
			authorization: 'Bearer hxtp_nope',
		});
		expect(wrong.status).toBe(401);
		expect(fake.requests).toHaveLength(2);
		expect(fake.requests[0]).toMatchObject({
			method: 'GET',
			path: '/api/v1/users/me',
			operationId: 'Me',
		});
	});

	it('has a deterministic personal token and answers Me with the user', async () => {
		expect(fake.token).toMatch(/^hxtp_[0-9a-f]{96}$/);
		const me = await call('GET', '/v1/users/me');
		expect(me.status).toBe(200);
		expect(me.json).toMatchObject({ role: 'ADMIN', org: { id: expect.any(String) } });
		expect(me.headers.get('x-trace-id')).toMatch(/^[0-9a-f]{32}$/);
	});

	it('pages ListUsers with limit 500 over 1234 users: 3 pages, then after=null', async () => {
		const ids = new Set<string>();
		const pages: number[] = [];
		let after: string | null | undefined = null;
		do {
			const query: string = after ? `&after=${encodeURIComponent(after)}` : '';
			const page = await call<ResponseOf<'ListUsers'>>('GET', `/v1/users?limit=500${query}`);
			expect(page.status).toBe(200);
			pages.push(page.json.values.length);
			for (const user of page.json.values) ids.add(user.id);
			after = page.json.pagination.after;
		} while (after);
		expect(pages).toEqual([500, 500, 234]);
		expect(ids.size).toBe(1234);
		expect(fake.requests.map((r) => r.query.limit)).toEqual(['500', '500', '500']);
	});

	it('rejects an invalid cursor and a limit out of range', async () => {
		expect((await call('GET', '/v1/users?after=bogus')).status).toBe(400);
		const tooBig = await call('GET', '/v1/users?limit=501');
		expect(tooBig.status).toBe(400);
		expect(tooBig.json.issues[0].message).toContain('query.limit');
	});

	it('rejects unknown query parameters with a 400 listing the issue', async () => {
		const response = await call('GET', '/v1/users?limit=10&pageSize=10');
		expect(response.status).toBe(400);
		expect(response.json).toMatchObject({ code: 'BAD_REQUEST', message: expect.any(String) });
		expect(response.json.issues.map((i: { message: string }) => i.message).join('\n')).toContain(
			'pageSize',
		);
	});

	it('uses the T-style envelope where the spec says so', async () => {
		const response = await call('GET', '/v1/projects?limit=0');
		expect(response.status).toBe(400);
		expect(response.json).toEqual({
			reason: expect.any(String),
			details: expect.stringContaining('query.limit'),
			traceId: expect.any(String),
		});
	});

	it('coerces query types and filters ListProjects', async () => {
		const all = await call<ResponseOf<'ListProjects'>>(
			'GET',
			'/v1/projects?limit=100&includeArchived=true&includeTrashed=true&includeComponents=true',
		);
		expect(all.status).toBe(200);
		expect(all.json.values).toHaveLength(100);
		expect(all.json.values[0].sharing).toBeUndefined();
		const withSharing = await call<ResponseOf<'ListProjects'>>(
			'GET',
			'/v1/projects?limit=1&includeSharing=true',
		);
		expect(withSharing.json.values[0].sharing).toBeDefined();
		const statuses = await call<ResponseOf<'ListProjects'>>(
			'GET',
			'/v1/projects?statuses=Approved&statuses=Deprecated&limit=100',
		);
		expect(statuses.status).toBe(200);
		for (const p of statuses.json.values) {
			expect(['Approved', 'Deprecated']).toContain(p.status?.name);
		}
	});

	it('runs a project: PENDING, RUNNING, COMPLETED over three polls', async () => {
		const project = fake.state.projects[0];
		const run = await call<ResponseOf<'RunProject'>>('POST', `/v1/projects/${project.id}/runs`, {
			inputParams: { x: 1 },
		});
		expect(run.status).toBe(201);
		expect(run.json).toMatchObject({
			projectId: project.id,
			runId: expect.any(String),
			traceId: expect.any(String),
		});
		expect(run.json.runStatusUrl).toBe(
			`${fake.baseUrl}/v1/projects/${project.id}/runs/${run.json.runId}`,
		);

		const statuses: string[] = [];
		for (let i = 0; i < 3; i++) {
			const status = await call<ResponseOf<'GetRunStatus'>>(
				'GET',
				`/v1/projects/${project.id}/runs/${run.json.runId}`,
			);
			expect(status.status).toBe(200);
			statuses.push(status.json.status);
		}
		expect(statuses).toEqual(['PENDING', 'RUNNING', 'COMPLETED']);
		const final = await call<ResponseOf<'GetRunStatus'>>(
			'GET',
			`/v1/projects/${project.id}/runs/${run.json.runId}`,
			undefined,
			{
				'enable-expanded-stats': 'true',
			},
		);
		expect(final.json).toMatchObject({ status: 'COMPLETED', elapsedTime: expect.any(Number) });
		expect(final.json.stateEvents?.map((e) => e.value)).toEqual([
			'PENDING',
			'RUNNING',
			'COMPLETED',
		]);
	});

	it('lets tests choose the run outcome, and cancels runs', async () => {
		const project = fake.state.projects[1];
		fake.state.setRunOutcome(project.id, { status: 'ERRORED', pollsBeforeTerminal: 0 });
		const run = await call<ResponseOf<'RunProject'>>('POST', `/v1/projects/${project.id}/runs`, {});
		const status = await call<ResponseOf<'GetRunStatus'>>(
			'GET',
			`/v1/projects/${project.id}/runs/${run.json.runId}`,
		);
		expect(status.json.status).toBe('ERRORED');

		fake.state.setRunOutcome(project.id, { status: 'COMPLETED', pollsBeforeTerminal: 5 });
		const second = await call<ResponseOf<'RunProject'>>('POST', `/v1/projects/${project.id}/runs`);
		const cancel = await call('DELETE', `/v1/projects/${project.id}/runs/${second.json.runId}`);
		expect(cancel.status).toBe(204);
		const killed = await call<ResponseOf<'GetRunStatus'>>(
			'GET',
			`/v1/projects/${project.id}/runs/${second.json.runId}`,
		);
		expect(killed.json.status).toBe('KILLED');
	});

	it('refuses to run unpublished projects and viewId with inputParams', async () => {
		const unpublished = fake.state.projects.find((p) => p.lastPublishedAt === null)!;
		const response = await call('POST', `/v1/projects/${unpublished.id}/runs`, {});
		expect(response.status).toBe(422);
		expect(response.json.code).toBe('UNPROCESSABLE_CONTENT');
		const both = await call('POST', `/v1/projects/${fake.state.projects[0].id}/runs`, {
			viewId: 'v',
			inputParams: {},
		});
		expect(both.status).toBe(400);
	});

	it('dry runs create no run', async () => {
		const project = fake.state.projects[2];
		const before = fake.state.runsOf(project.id).length;
		const response = await call('POST', `/v1/projects/${project.id}/runs`, { dryRun: true });
		expect(response.status).toBe(201);
		expect(fake.state.runsOf(project.id)).toHaveLength(before);
	});

	it('pages GetProjectRuns with limit/offset, newest first', async () => {
		const project = fake.state.projects[2];
		const first = await call<ResponseOf<'GetProjectRuns'>>(
			'GET',
			`/v1/projects/${project.id}/runs?limit=5`,
		);
		expect(first.status).toBe(200);
		expect(first.json.runs).toHaveLength(5);
		expect(first.json.previousPage).toBeNull();
		expect(first.json.nextPage).toContain('offset=5');
		const starts = first.json.runs.map((r) => r.startTime);
		expect([...starts].sort().reverse()).toEqual(starts);

		const last = await call<ResponseOf<'GetProjectRuns'>>(
			'GET',
			`/v1/projects/${project.id}/runs?limit=5&offset=10`,
		);
		expect(last.json.runs).toHaveLength(2);
		expect(last.json.nextPage).toBeNull();
		expect(last.json.previousPage).toContain('offset=5');

		const next = await fetch(String(first.json.nextPage), {
			headers: { authorization: `Bearer ${fake.token}` },
		});
		expect(((await next.json()) as { runs: unknown[] }).runs).toHaveLength(5);
	});

	it('rejects an invalid body (dryRun: "yes") and unknown body fields', async () => {
		const id = fake.state.projects[0].id;
		const invalid = await call('POST', `/v1/projects/${id}/runs`, { dryRun: 'yes' });
		expect(invalid.status).toBe(400);
		expect(invalid.json.issues[0].message).toMatch(/^body\.dryRun: /);
		const unknown = await call('POST', `/v1/projects/${id}/runs`, { dryRun: false, foo: 1 });
		expect(unknown.status).toBe(400);
		expect(unknown.json.issues[0].message).toContain('foo');
	});

	it('answers unknown routes and ids with 404', async () => {
		const route = await call('GET', '/v1/nope');
		expect(route.status).toBe(404);
		expect(route.json.code).toBe('NOT_FOUND');
		const project = await call('GET', `/v1/projects/${fake.state.newId()}`);
		expect(project.status).toBe(404);
		const connection = await call('GET', `/v1/data-connections/${fake.state.newId()}`);
		expect(connection.json.code).toBe('NOT_FOUND');
	});

	it('creates, edits and reads data connections without echoing secrets', async () => {
		const created = await call<ResponseOf<'CreateDataConnection'>>('POST', '/v1/data-connections', {
			name: 'Warehouse',
			type: 'postgres',
			connectionDetails: {
				postgres: { hostname: 'db', port: 5432, database: 'd', username: 'u', password: 'p' },
			},
		});
		expect(created.status).toBe(201);
		expect(created.json.connectionDetails).toEqual({
			postgres: { hostname: 'db', port: 5432, database: 'd', username: 'u' },
		});
		const edited = await call<ResponseOf<'EditDataConnection'>>(
			'PATCH',
			`/v1/data-connections/${created.json.id}`,
			{
				connectionDetails: { postgres: { port: 5433 } },
			},
		);
		expect(edited.status).toBe(201);
		expect(edited.json.connectionDetails).toMatchObject({
			postgres: { hostname: 'db', port: 5433 },
		});
		const read = await call<ResponseOf<'GetDataConnection'>>(
			'GET',
			`/v1/data-connections/${created.json.id}`,
		);
		expect(read.json.connectionDetails).toMatchObject({ postgres: { port: 5433 } });
		const list = await call<ResponseOf<'ListDataConnections'>>(
			'GET',
			'/v1/data-connections?limit=100',
		);
		expect(list.json.values).toHaveLength(8);
	});

	it('updates schema statuses atomically', async () => {
		const connection = fake.state.dataConnections[0];
		const table = fake.state.catalogs.get(connection.id)!.tables[0].name;
		const ok = await call<ResponseOf<'UpdateDataConnectionSchema'>>(
			'PATCH',
			`/v1/data-connections/${connection.id}/schema`,
			{
				updates: [{ type: 'TABLE', name: table, status: 'Approved' }],
			},
		);
		expect(ok.status).toBe(200);
		expect(ok.json.updated.tables).toEqual([{ name: table, status: 'Approved' }]);
		const missing = await call('PATCH', `/v1/data-connections/${connection.id}/schema`, {
			updates: [{ type: 'TABLE', name: 'no.such.table', status: null }],
		});
		expect(missing.status).toBe(404);
		expect(missing.json.details).toEqual([
			{ name: 'no.such.table', type: 'TABLE', reason: 'not_found' },
		]);
	});

	it('deactivates users: they leave ListUsers', async () => {
		const user = fake.state.users[5];
		const response = await call<ResponseOf<'DeactivateUser'>>(
			'POST',
			`/v1/users/${user.id}/deactivate`,
		);
		expect(response.status).toBe(200);
		expect(response.json.user.id).toBe(user.id);
		const list = await call<ResponseOf<'ListUsers'>>('GET', `/v1/users?userIds=${user.id}`);
		expect(list.json.values).toEqual([]);
	});

	it('injects faults, resets connections and rate-limits', async () => {
		fake.injectFault({ operationId: 'ListUsers', status: 503, times: 2 });
		expect((await call('GET', '/v1/users')).status).toBe(503);
		const second = await call('GET', '/v1/users');
		expect(second.json.code).toBe('SERVICE_UNAVAILABLE');
		expect((await call('GET', '/v1/users')).status).toBe(200);

		fake.injectFault({ resetConnection: true });
		await expect(call('GET', '/v1/users')).rejects.toThrow();

		fake.setRateLimit({ limit: 1, windowMs: 60_000 });
		expect((await call('GET', '/v1/users/me')).status).toBe(200);
		const limited = await call('GET', '/v1/users/me');
		expect(limited.status).toBe(429);
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
		fake.setRateLimit(undefined);
		expect(fake.requests.length).toBe(6);
	});

	it('serves every generated object in a spec-valid shape', async () => {
		const all =
			'includeArchived=true&includeTrashed=true&includeComponents=true&includeSharing=true';
		let after: string | null | undefined = null;
		let count = 0;
		do {
			const cursor: string = after ? `&after=${encodeURIComponent(after)}` : '';
			const page = await call<ResponseOf<'ListProjects'>>(
				'GET',
				`/v1/projects?limit=100&${all}${cursor}`,
			);
			expect(page.status).toBe(200);
			count += page.json.values.length;
			after = page.json.pagination.after;
		} while (after);
		expect(count).toBe(fake.state.projects.length);
		for (const project of fake.state.projects) {
			expect((await call('GET', `/v1/projects/${project.id}?includeSharing=true`)).status).toBe(
				200,
			);
			const tables = await call('GET', `/v1/projects/${project.id}/queriedTables?limit=100`);
			expect(tables.status).toBe(project.lastPublishedAt === null ? 422 : 200);
			for (const run of fake.state.runs.get(project.id) ?? []) {
				const status = await call(
					'GET',
					`/v1/projects/${project.id}/runs/${run.runId}`,
					undefined,
					{
						'enable-expanded-stats': 'true',
					},
				);
				expect(status.status).toBe(200);
			}
		}
		for (const connection of fake.state.dataConnections) {
			expect((await call('GET', `/v1/data-connections/${connection.id}`)).status).toBe(200);
		}
		expect((await call('GET', '/v1/data-connections?limit=100&sortBy=CREATED_AT')).status).toBe(
			200,
		);
	});

	it('generates the same data for the same seed', async () => {
		const other = await startFakeHex({ users: 50, projects: 20 });
		const again = await startFakeHex({ users: 50, projects: 20 });
		try {
			expect(JSON.stringify(again.state.projects)).toBe(JSON.stringify(other.state.projects));
			expect(JSON.stringify(again.state.users)).toBe(JSON.stringify(other.state.users));
			expect(again.token).toBe(other.token);
		} finally {
			await Promise.all([other.close(), again.close()]);
		}
	});

	it('answers 500 when its own response would break the spec', async () => {
		const project = fake.state.projects[7] as (typeof fake.state.projects)[number] & {
			bogus?: number;
		};
		project.bogus = 1;
		try {
			const response = await call('GET', `/v1/projects/${project.id}`);
			expect(response.status).toBe(500);
			expect(response.json.message).toContain('invalid GetProject response');
			expect(fake.internalErrors).toHaveLength(1);
		} finally {
			delete project.bogus;
			fake.internalErrors.length = 0;
		}
	});

	it('delays requests with a delay-only fault and answers custom fault bodies', async () => {
		fake.injectFault({ operationId: 'Me', delayMs: 150 });
		const started = Date.now();
		expect((await call('GET', '/v1/users/me')).status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);

		fake.injectFault({ status: 502, body: '<html>Bad gateway</html>', headers: { 'x-a': 'b' } });
		const response = await call('GET', '/v1/projects');
		expect(response.status).toBe(502);
		expect(response.text).toBe('<html>Bad gateway</html>');
		expect(response.headers.get('content-type')).toBe('text/plain');
		expect(response.headers.get('x-a')).toBe('b');
		expect(fake.requests.map((r) => r.operationId)).toEqual(['Me', 'ListProjects']);
	});

	it('indexes the generated schemas by operationId', () => {
		expect(Object.keys(operationSchemas)).toHaveLength(52);
		expect(operationSchemas.ListUsers.query.parse({ limit: 500 }).limit).toBe(500);
		expect(operationSchemas.RunProject.body.safeParse({ dryRun: 'yes' }).success).toBe(false);
	});
});

describe('fake Hex API with a workspace token', () => {
	it('answers Me with only org and token', async () => {
		const fake = await startFakeHex({ token: `hxtw_${'a'.repeat(96)}`, users: 3, projects: 2 });
		try {
			const response = await fetch(`${fake.baseUrl}/v1/users/me`, {
				headers: { authorization: `Bearer ${fake.token}` },
			});
			expect(await response.json()).toEqual({
				org: { id: fake.state.orgId },
				token: { exp: expect.any(Number) },
			});
		} finally {
			await fake.close();
		}
	});
});
