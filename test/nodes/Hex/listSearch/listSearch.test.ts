import type { HexTestbed } from '../../../support/hex';
import { startTestbed } from '../../../support/hex';
import { hexLoadOptionsContext } from '../../../harness/engine';
import {
	searchDataConnections,
	searchProjects,
	searchUsers,
} from '../../../../nodes/Hex/listSearch';

describe('pickers (list search)', () => {
	let hex: HexTestbed;

	beforeAll(async () => {
		hex = await startTestbed({ users: 1100, projects: 230, dataConnections: 7 });
	});
	afterAll(async () => await hex.fake.close());
	beforeEach(() => hex.fake.reset());
	afterEach(() => expect(hex.fake.internalErrors).toEqual([]));

	const context = () => hexLoadOptionsContext(hex.credentials);

	test('projects: one page of 100 without a filter, with a token for the next page', async () => {
		const page = await searchProjects.call(context());
		expect(page.results).toHaveLength(100);
		expect(page.paginationToken).toEqual(expect.any(String));
		expect(page.results[0]).toEqual({ name: expect.any(String), value: expect.any(String) });
		expect(hex.fake.requests).toEqual([
			expect.objectContaining({
				path: '/api/v1/projects',
				query: { limit: '100', sortBy: 'LAST_EDITED_AT', sortDirection: 'DESC' },
				headers: expect.objectContaining({ authorization: `Bearer ${hex.fake.token}` }),
			}),
		]);
		const next = await searchProjects.call(context(), undefined, page.paginationToken);
		expect(hex.fake.requests[1].query).toEqual(
			expect.objectContaining({ after: page.paginationToken }),
		);
		expect(next.results.map((item) => item.value)).not.toContain(page.results[0].value);
	});

	test('projects: a search reads several pages and matches titles case-insensitively', async () => {
		const wanted = hex.fake.state.projects.filter(
			(project) => !project.archivedAt && !project.trashedAt && project.type === 'PROJECT',
		)[150];
		const needle = wanted.title.toUpperCase();
		const page = await searchProjects.call(context(), needle);
		expect(page.results).toContainEqual({ name: wanted.title, value: wanted.id });
		expect(page.results.every((item) => item.name.toUpperCase().includes(needle))).toBe(true);
		expect(hex.fake.requests.length).toBeGreaterThan(1);
		expect(hex.fake.requests.length).toBeLessThanOrEqual(5);
	});

	test('users: name and email, searchable by email', async () => {
		const user = hex.fake.state.users[1050];
		const page = await searchUsers.call(context(), user.email);
		expect(page.results).toEqual([
			{ name: user.name ? `${user.name} <${user.email}>` : user.email, value: user.id },
		]);
		expect(hex.fake.requests.map((request) => request.query.limit)).toEqual(['500', '500', '500']);
	});

	test('data connections: name with type', async () => {
		const page = await searchDataConnections.call(context());
		expect(page.results).toHaveLength(hex.fake.state.dataConnections.length);
		const [first] = hex.fake.state.dataConnections;
		expect(page.results).toContainEqual({ name: `${first.name} (${first.type})`, value: first.id });
		expect(page.paginationToken).toBeUndefined();
	});

	test('a picker retries a short rate limit once and succeeds', async () => {
		hex.fake.injectFault({
			operationId: 'ListDataConnections',
			status: 429,
			headers: { 'retry-after': '1' },
		});
		const page = await searchDataConnections.call(context());
		expect(page.results).toHaveLength(hex.fake.state.dataConnections.length);
		expect(hex.fake.requests).toHaveLength(2);
	});

	test('a Hex error in a picker is readable (a long Retry-After is not waited for)', async () => {
		hex.fake.injectFault({
			operationId: 'ListProjects',
			status: 429,
			headers: { 'retry-after': '30' },
		});
		await expect(searchProjects.call(context())).rejects.toThrow(/^Hex API error 429/);
	});
});
