import type { HexTestbed } from '../../../support/hex';
import { json, locator, startTestbed } from '../../../support/hex';

// Time is compressed: n8n's `sleep` returns at once and records what was asked.
const mockSleeps: number[] = [];
jest.mock('n8n-workflow', () => ({
	...jest.requireActual('n8n-workflow'),
	sleep: jest.fn(async (ms: number) => {
		mockSleeps.push(ms);
	}),
}));

describe('one request runner: safe retries', () => {
	let hex: HexTestbed;

	beforeAll(async () => {
		hex = await startTestbed({ users: 20, projects: 5 });
	});
	afterAll(async () => await hex.fake.close());
	beforeEach(() => {
		hex.fake.reset();
		mockSleeps.length = 0;
	});
	afterEach(() => expect(hex.fake.internalErrors).toEqual([]));

	const getProject = (extra: object = {}) => ({
		resource: 'project',
		operation: 'get',
		projectId: locator(hex.fake.state.projects[0].id),
		...extra,
	});
	const startRun = (extra: object = {}) => ({
		resource: 'run',
		operation: 'start',
		runProjectId: locator(hex.fake.state.projects[0].id),
		...extra,
	});
	const runCount = () => hex.fake.state.runsOf(hex.fake.state.projects[0].id).length;

	test('429 with Retry-After: waits as asked, then succeeds', async () => {
		hex.fake.injectFault({
			operationId: 'GetProject',
			status: 429,
			headers: { 'retry-after': '3' },
		});
		const run = await hex.run(getProject());
		expect(run.error).toBeUndefined();
		expect(json(run)).toEqual([expect.objectContaining({ id: hex.fake.state.projects[0].id })]);
		expect(hex.fake.requests).toHaveLength(2);
		expect(mockSleeps).toEqual([3000]);
	});

	test('429 as an HTTP date is honoured too', async () => {
		const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
		const retryAt = Date.parse(inTenSeconds);
		hex.fake.injectFault({
			operationId: 'GetProject',
			status: 429,
			headers: { 'retry-after': inTenSeconds },
		});
		// The node waits until that date from whenever the 429 arrived: between these two readings,
		// however slow a busy machine makes the run.
		const before = Date.now();
		const run = await hex.run(getProject());
		const after = Date.now();
		expect(run.error).toBeUndefined();
		expect(mockSleeps[0]).toBeGreaterThanOrEqual(retryAt - after);
		expect(mockSleeps[0]).toBeLessThanOrEqual(retryAt - before);
	});

	test('429 without Retry-After: capped exponential backoff with jitter', async () => {
		hex.fake.injectFault({ operationId: 'ListUsers', status: 429, times: 3 });
		const run = await hex.run({ resource: 'user', operation: 'getAll', returnAll: true });
		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(20);
		expect(mockSleeps).toHaveLength(3);
		[1000, 2000, 4000].forEach((base, index) => {
			expect(mockSleeps[index]).toBeGreaterThanOrEqual(base * 0.8);
			expect(mockSleeps[index]).toBeLessThanOrEqual(base * 1.2);
		});
	});

	test('with Retry on Rate Limit off, a 429 fails at once', async () => {
		hex.fake.injectFault({
			operationId: 'GetProject',
			status: 429,
			headers: { 'retry-after': '3' },
		});
		const run = await hex.run(getProject({ requestOptions: { retryOnRateLimit: false } }));
		expect(run.error?.message).toMatch(/^Hex API error 429/);
		expect(hex.fake.requests).toHaveLength(1);
		expect(mockSleeps).toEqual([]);
	});

	test('a Retry-After longer than Max Retry Wait fails and says why', async () => {
		hex.fake.injectFault({
			operationId: 'GetProject',
			status: 429,
			headers: { 'retry-after': '120' },
		});
		const run = await hex.run(getProject());
		expect(run.error?.description).toContain(
			'Hex asked to wait 120 s, longer than Max Retry Wait (60 s).',
		);
		expect(hex.fake.requests).toHaveLength(1);
	});

	test('after Max Retries it gives up and says so', async () => {
		hex.fake.injectFault({ operationId: 'GetProject', status: 429, times: 5 });
		const run = await hex.run(getProject({ requestOptions: { maxRetries: 2 } }));
		expect(run.error?.message).toMatch(/^Hex API error 429/);
		expect(run.error?.description).toContain('Gave up after 3 attempts (Max Retries: 2).');
		expect(hex.fake.requests).toHaveLength(3);
	});

	test.each([502, 503, 504])('a read is retried after %i', async (status) => {
		hex.fake.injectFault({ operationId: 'GetProject', status });
		const run = await hex.run(getProject());
		expect(run.error).toBeUndefined();
		expect(hex.fake.requests).toHaveLength(2);
	});

	test('a page of a list is read again after a connection reset', async () => {
		hex.fake.injectFault({ operationId: 'ListProjects', resetConnection: true });
		const run = await hex.run({ resource: 'project', operation: 'getAll', limit: 3 });
		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(3);
		expect(hex.fake.requests).toHaveLength(2);
	});

	// n8n's routing engine sends an operation's one request itself and has no hook for its network
	// errors: it fails the item with n8n's error (n8n's Retry On Fail setting can retry it).
	test('a one-answer read that meets a connection reset fails without a retry', async () => {
		hex.fake.injectFault({ operationId: 'GetProject', resetConnection: true });
		const run = await hex.run(getProject());
		expect(run.error).toBeDefined();
		expect(hex.fake.requests).toHaveLength(1);
	});

	test('Run Start rate-limited once, then accepted: exactly one run exists', async () => {
		const before = runCount();
		hex.fake.injectFault({
			operationId: 'RunProject',
			status: 429,
			headers: { 'retry-after': '2' },
		});
		const run = await hex.run(startRun());
		expect(run.error).toBeUndefined();
		expect(runCount()).toBe(before + 1);
		expect(hex.fake.requests.map((request) => request.method)).toEqual(['POST', 'POST']);
	});

	test.each([502, 504])(
		'Run Start is not sent again after a %i, and the error says so',
		async (status) => {
			const before = runCount();
			hex.fake.injectFault({ operationId: 'RunProject', status });
			const run = await hex.run(startRun());
			expect(run.error?.description).toContain(
				'The request may have reached Hex, so it was not sent again',
			);
			expect(hex.fake.requests).toHaveLength(1);
			expect(runCount()).toBe(before);
		},
	);

	test('Run Start is not sent again after a connection reset', async () => {
		const before = runCount();
		hex.fake.injectFault({ operationId: 'RunProject', resetConnection: true });
		const run = await hex.run(startRun());
		expect(run.error).toBeDefined();
		expect(hex.fake.requests).toHaveLength(1);
		expect(runCount()).toBe(before);
	});

	test('Run Start at the 25-kernel limit (503) is not retried and says no run was created', async () => {
		hex.fake.injectFault({ operationId: 'RunProject', status: 503 });
		const run = await hex.run(startRun());
		expect(run.error?.message).toMatch(/^Hex API error 503/);
		expect(run.error?.description).toContain('25-kernel limit was reached and no run was created');
		// One truthful message: not also "may have reached Hex".
		expect(run.error?.description).not.toContain('may have reached Hex');
		expect(hex.fake.requests).toHaveLength(1);
	});
});
