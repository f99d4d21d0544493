import { fakeThreads } from '../../../../fake-hex/routes/threads';
import type { HexTestbed } from '../../../../support/hex';
import { expectedRequest, json, startTestbed } from '../../../../support/hex';

describe('Topic resource (engine)', () => {
	let hex: HexTestbed;

	beforeAll(async () => {
		hex = await startTestbed({ users: 20, projects: 5 });
	});
	afterAll(async () => await hex.fake.close());
	beforeEach(() => hex.fake.reset());
	afterEach(() => expect(hex.fake.internalErrors).toEqual([]));

	const byName = () =>
		[...fakeThreads(hex.fake.state).topics].sort((a, b) => a.name.localeCompare(b.name));

	test('Get Many with Return All walks the cursor to the end, sorted by name', async () => {
		const run = await hex.run({ resource: 'topic', operation: 'getAll', returnAll: true });
		expect(run.error).toBeUndefined();
		expect(json(run)).toEqual(byName());
		expect(byName().length).toBeGreaterThan(100);
		const sent = hex.sent();
		expect(sent).toEqual([
			expectedRequest(hex, {
				method: 'GET',
				path: '/api/v1/context/topics',
				query: { limit: '100' },
			}),
			expectedRequest(hex, {
				method: 'GET',
				path: '/api/v1/context/topics',
				query: { limit: '100', after: expect.any(String) },
			}),
		]);
	});

	test('Get Many with a Limit asks for exactly that many', async () => {
		const run = await hex.run({ resource: 'topic', operation: 'getAll', limit: 3 });
		expect(run.error).toBeUndefined();
		expect(json(run)).toEqual(byName().slice(0, 3));
		expect(hex.sent()).toEqual([
			expectedRequest(hex, {
				method: 'GET',
				path: '/api/v1/context/topics',
				query: { limit: '3' },
			}),
		]);
	});

	test('a Limit above the page size spans pages and stops exactly', async () => {
		const run = await hex.run({ resource: 'topic', operation: 'getAll', limit: 105 });
		expect(run.error).toBeUndefined();
		expect(json(run)).toEqual(byName().slice(0, 105));
		expect(hex.sent().map((request) => request.query.limit)).toEqual(['100', '5']);
	});

	test('refuses a Limit of 0, sending nothing', async () => {
		const run = await hex.run({ resource: 'topic', operation: 'getAll', limit: 0 });
		expect(run.error?.message).toBe(
			'The "Limit" parameter must be a whole number of at least 1, got 0',
		);
		expect(hex.fake.requests).toEqual([]);
	});
});
