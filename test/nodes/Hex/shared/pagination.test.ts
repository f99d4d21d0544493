import type { HexTestbed } from '../../../support/hex';
import { json, locator, startTestbed } from '../../../support/hex';

/** A ListUsers page as a fault: what a misbehaving server could answer. */
function usersPage(ids: string[], after: string | null) {
	return {
		operationId: 'ListUsers',
		status: 200,
		contentType: 'application/json',
		body: JSON.stringify({
			values: ids.map((id) => ({
				id,
				name: null,
				email: `${id}@example.com`,
				role: 'MEMBER',
				lastLoginDate: null,
			})),
			pagination: { after, before: null },
		}),
	};
}

describe('pagination never loops forever', () => {
	let hex: HexTestbed;

	beforeAll(async () => {
		hex = await startTestbed({ users: 5, projects: 3, runsPerProject: 7 });
	});
	afterAll(async () => await hex.fake.close());
	beforeEach(() => hex.fake.reset());

	test('stops on an empty page even when a cursor comes with it', async () => {
		hex.fake.injectFault(usersPage(['a', 'b'], 'cursor-1'));
		hex.fake.injectFault(usersPage([], 'cursor-2'));
		const run = await hex.run({ resource: 'user', operation: 'getAll', returnAll: true });
		expect(run.error).toBeUndefined();
		expect(json(run).map((user) => (user as { id: string }).id)).toEqual(['a', 'b']);
		expect(hex.fake.requests.map((request) => request.query.after)).toEqual([
			undefined,
			'cursor-1',
		]);
	});

	test('stops when Hex repeats a cursor it already gave', async () => {
		hex.fake.injectFault(usersPage(['a'], 'same'));
		hex.fake.injectFault(usersPage(['b'], 'same'));
		hex.fake.injectFault(usersPage(['c'], 'same'));
		const run = await hex.run({ resource: 'user', operation: 'getAll', returnAll: true });
		expect(json(run).map((user) => (user as { id: string }).id)).toEqual(['a', 'b']);
		expect(hex.fake.requests).toHaveLength(2);
	});

	test('stops on a null cursor', async () => {
		hex.fake.injectFault(usersPage(['a'], null));
		const run = await hex.run({ resource: 'user', operation: 'getAll', returnAll: true });
		expect(json(run)).toHaveLength(1);
		expect(hex.fake.requests).toHaveLength(1);
	});

	test('offset pagination stops on a short page even if nextPage is set', async () => {
		const project = hex.fake.state.projects[0];
		const runs = hex.fake.state.runsOf(project.id);
		hex.fake.injectFault({
			operationId: 'GetProjectRuns',
			status: 200,
			contentType: 'application/json',
			body: JSON.stringify({
				runs: runs.slice(0, 3),
				nextPage: 'https://example.invalid/next',
				previousPage: null,
				traceId: 't',
			}),
		});
		const run = await hex.run({
			resource: 'run',
			operation: 'getAll',
			runProjectId: locator(project.id),
			returnAll: true,
		});
		expect(json(run)).toHaveLength(3);
		expect(hex.fake.requests).toHaveLength(1);
	});
});
