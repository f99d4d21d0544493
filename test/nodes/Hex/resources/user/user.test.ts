import type { HexTestbed } from '../../../../support/hex';
import { json, locator, startTestbed } from '../../../../support/hex';

describe('User resource (engine)', () => {
	let hex: HexTestbed;

	beforeAll(async () => {
		hex = await startTestbed();
	});
	afterAll(async () => await hex.fake.close());
	beforeEach(() => hex.fake.reset());
	afterEach(() => expect(hex.fake.internalErrors).toEqual([]));

	test('Get Many with Return All reads every page of 500', async () => {
		const run = await hex.run({ resource: 'user', operation: 'getAll', returnAll: true });
		expect(run.error).toBeUndefined();
		const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
		const returned = json(run) as Array<{ id: string }>;
		expect(returned).toHaveLength(hex.fake.state.activeUsers().length);
		expect([...returned].sort(byId)).toEqual([...hex.fake.state.activeUsers()].sort(byId));
		expect(hex.sent().map((request) => request.query)).toEqual([
			{ limit: '500' },
			{ limit: '500', after: expect.any(String) },
			{ limit: '500', after: expect.any(String) },
		]);
		expect(hex.sent()[0]).toEqual({
			method: 'GET',
			path: '/api/v1/users',
			query: { limit: '500' },
			body: undefined,
			authorization: `Bearer ${hex.fake.token}`,
		});
	});

	test('Get Many with Limit asks only for what it needs, with filters and sort', async () => {
		const run = await hex.run({
			resource: 'user',
			operation: 'getAll',
			returnAll: false,
			limit: 3,
			filters: { userIds: ` ${hex.fake.state.users[5].id}, ${hex.fake.state.users[7].id},, ` },
			sort: { sortBy: 'EMAIL', sortDirection: 'DESC' },
		});
		expect(run.error).toBeUndefined();
		expect(hex.sent()).toEqual([
			{
				method: 'GET',
				path: '/api/v1/users',
				query: {
					limit: '3',
					userIds: `${hex.fake.state.users[5].id},${hex.fake.state.users[7].id}`,
					sortBy: 'EMAIL',
					sortDirection: 'DESC',
				},
				body: undefined,
				authorization: `Bearer ${hex.fake.token}`,
			},
		]);
		const emails = json(run).map((user) => (user as { email: string }).email);
		expect(emails).toEqual(
			[hex.fake.state.users[5], hex.fake.state.users[7]]
				.map((user) => user.email)
				.sort()
				.reverse(),
		);
	});

	test('Get Many with a Limit above the page size spans pages and stops exactly', async () => {
		const run = await hex.run({ resource: 'user', operation: 'getAll', limit: 700 });
		expect(run.items).toHaveLength(700);
		expect(hex.sent().map((request) => request.query.limit)).toEqual(['500', '200']);
	});

	test('Get Current says a personal token and its expiry', async () => {
		const run = await hex.run({ resource: 'user', operation: 'getCurrent' });
		expect(run.error).toBeUndefined();
		const me = hex.fake.state.findUser(hex.fake.state.meUserId);
		expect(json(run)).toEqual([
			expect.objectContaining({
				id: me?.id,
				email: me?.email,
				tokenType: 'personal',
				tokenExpiresAt: new Date((hex.fake.state.tokenExp as number) * 1000).toISOString(),
			}),
		]);
		expect(hex.sent()).toEqual([
			expect.objectContaining({ method: 'GET', path: '/api/v1/users/me', query: {} }),
		]);
	});

	test('Deactivate posts to the user and returns the user', async () => {
		const user = hex.fake.state.users[42];
		const run = await hex.run({
			resource: 'user',
			operation: 'deactivate',
			userId: locator(user.id),
		});
		expect(run.error).toBeUndefined();
		expect(json(run)).toEqual([expect.objectContaining({ id: user.id, email: user.email })]);
		expect(hex.sent()).toEqual([
			{
				method: 'POST',
				path: `/api/v1/users/${user.id}/deactivate`,
				query: {},
				body: undefined,
				authorization: `Bearer ${hex.fake.token}`,
			},
		]);
		expect(hex.fake.state.deactivatedUserIds.has(user.id)).toBe(true);
	});
});

describe('User resource with a workspace token (engine)', () => {
	test('Get Current says a workspace token', async () => {
		const hex = await startTestbed({ token: `hxtw_${'ab'.repeat(48)}`, users: 3, projects: 1 });
		try {
			const run = await hex.run({ resource: 'user', operation: 'getCurrent' });
			expect(json(run)).toEqual([
				{
					org: { id: hex.fake.state.orgId },
					token: { exp: hex.fake.state.tokenExp },
					tokenType: 'workspace',
					tokenExpiresAt: new Date((hex.fake.state.tokenExp as number) * 1000).toISOString(),
				},
			]);
		} finally {
			await hex.fake.close();
		}
	});
});
