import type { HexTestbed } from '../../../support/hex';
import { locator, startTestbed, waitFor } from '../../../support/hex';

// The request timeout is 1 s and the fake would answer only after 60 s (it stops waiting once
// the client has gone), so a busy machine cannot turn the timeout into an answer.
const MUCH_LATER_MS = 60_000;

describe('request timeout', () => {
	let hex: HexTestbed;

	beforeAll(async () => {
		hex = await startTestbed({ users: 5, projects: 5 });
	});
	afterAll(async () => await hex.fake.close());
	beforeEach(() => hex.fake.reset());

	test('Request Options → Timeout ends a one-answer request that Hex does not answer', async () => {
		hex.fake.injectFault({ operationId: 'GetProject', delayMs: MUCH_LATER_MS });
		const run = await hex.run({
			resource: 'project',
			operation: 'get',
			projectId: locator(hex.fake.state.projects[0].id),
			requestOptions: { timeout: 1000 },
		});
		expect(run.error?.message).toBe('The connection was aborted, perhaps the server is offline');
		expect(hex.fake.requests).toHaveLength(1);
	});

	test('a page that times out is read again and the list completes', async () => {
		hex.fake.injectFault({ operationId: 'ListProjects', delayMs: MUCH_LATER_MS });
		const run = await hex.run({
			resource: 'project',
			operation: 'getAll',
			limit: 2,
			requestOptions: { timeout: 1000 },
		});
		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(2);
		expect(hex.fake.requests).toHaveLength(2);
	});

	test('a run start that times out after Hex accepted it creates no second run', async () => {
		const projectId = hex.fake.state.projects[0].id;
		const before = hex.fake.state.runsOf(projectId).length;
		hex.fake.injectFault({ operationId: 'RunProject', delayMs: MUCH_LATER_MS });
		const run = await hex.run({
			resource: 'run',
			operation: 'start',
			runProjectId: locator(projectId),
			requestOptions: { timeout: 1000 },
		});
		expect(run.error?.message).toBe('The connection was aborted, perhaps the server is offline');
		// The fake finishes the request it accepted once the client has gone.
		await waitFor(() => hex.fake.state.runsOf(projectId).length > before);
		expect(hex.fake.requests).toHaveLength(1);
		expect(hex.fake.state.runsOf(projectId).length).toBe(before + 1);
	});
});
