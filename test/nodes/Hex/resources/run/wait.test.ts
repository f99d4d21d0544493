import type { HexTestbed } from '../../../../support/hex';
import { expectedRequest, json, locator, startTestbed } from '../../../../support/hex';

// Time is compressed: n8n's `sleep` returns at once but advances a virtual clock that Date.now
// follows, so the node's waits and deadlines behave as in real time and are asserted exactly.
const mockClock = { sleeps: [] as number[], offset: 0 };
jest.mock('n8n-workflow', () => {
	const actual = jest.requireActual('n8n-workflow');
	return {
		...actual,
		sleep: jest.fn(async (ms: number) => {
			mockClock.sleeps.push(ms);
			mockClock.offset += ms;
		}),
	};
});
const realNow = Date.now.bind(Date);

describe('waiting for runs (engine, compressed time)', () => {
	let hex: HexTestbed;
	let projectId: string;

	beforeAll(async () => {
		hex = await startTestbed({ users: 5, projects: 5 });
		projectId = hex.fake.state.projects[0].id;
		jest.spyOn(Date, 'now').mockImplementation(() => realNow() + mockClock.offset);
	});
	afterAll(async () => {
		jest.restoreAllMocks();
		await hex.fake.close();
	});
	beforeEach(() => {
		hex.fake.reset();
		mockClock.sleeps = [];
		hex.fake.state.setRunOutcome(projectId, { status: 'COMPLETED', pollsBeforeTerminal: 2 });
	});
	afterEach(() => expect(hex.fake.internalErrors).toEqual([]));

	const startAndWait = (extra: object = {}) => ({
		resource: 'run',
		operation: 'start',
		runProjectId: locator(projectId),
		waitForCompletion: true,
		...extra,
	});
	const statusPolls = () => hex.sent().filter((request) => request.method === 'GET');

	test('Start with Wait for Completion outputs the finished run', async () => {
		const run = await hex.run(startAndWait());
		expect(run.error).toBeUndefined();
		const [started] = hex.sent();
		expect(started).toEqual(
			expectedRequest(hex, { method: 'POST', path: `/api/v1/projects/${projectId}/runs` }),
		);
		const [{ runId }] = hex.fake.state.runsOf(projectId);
		expect(statusPolls()).toEqual(
			Array(3).fill(
				expectedRequest(hex, {
					method: 'GET',
					path: `/api/v1/projects/${projectId}/runs/${runId}`,
				}),
			),
		);
		expect(mockClock.sleeps).toEqual([10_000, 10_000, 10_000]);
		const final = hex.fake.state.runsOf(projectId)[0];
		expect(json(run)).toEqual([
			expect.objectContaining({
				projectId,
				runId,
				runUrl: final.runUrl,
				runStatusUrl: expect.any(String),
				status: 'COMPLETED',
				startTime: final.startTime,
				endTime: final.endTime,
				elapsedTime: final.elapsedTime,
				projectVersion: final.projectVersion,
				traceId: expect.any(String),
				finished: true,
			}),
		]);
	});

	test.each(['ERRORED', 'KILLED', 'UNABLE_TO_ALLOCATE_KERNEL'] as const)(
		'a run that ends %s fails the item with its status and URL',
		async (status) => {
			hex.fake.state.setRunOutcome(projectId, { status, pollsBeforeTerminal: 1 });
			const run = await hex.run(startAndWait({ pollInterval: 5 }));
			const final = hex.fake.state.runsOf(projectId)[0];
			expect(run.error?.message).toBe(`The Hex run ended with status ${status}: ${final.runUrl}`);
			expect(run.error?.description).toContain(final.runUrl);
			expect(mockClock.sleeps).toEqual([5_000, 5_000]);
		},
	);

	// n8n keeps only the message of an item that carries an `error`; the run must be plain JSON.
	describe.each(['continueRegularOutput', 'continueErrorOutput'] as const)(
		'On Error %s: the error item carries the run',
		(onError) => {
			const outputOf = (run: { items: unknown[]; errorItems: unknown[] }) =>
				onError === 'continueErrorOutput'
					? { failed: run.errorItems, other: run.items }
					: { failed: run.items, other: run.errorItems };

			test.each(['ERRORED', 'KILLED', 'UNABLE_TO_ALLOCATE_KERNEL'] as const)(
				'Start and wait, run ends %s',
				async (status) => {
					hex.fake.state.setRunOutcome(projectId, { status, pollsBeforeTerminal: 1 });
					const run = await hex.run(startAndWait(), { onError });
					const final = hex.fake.state.runsOf(projectId)[0];
					expect(run.error).toBeUndefined();
					const { failed, other } = outputOf(run);
					expect(other).toEqual([]);
					expect(failed).toEqual([
						{
							json: {
								error: expect.objectContaining({
									message: `The Hex run ended with status ${status}: ${final.runUrl}`,
									description: `Run ${final.runId} of project ${projectId}: ${final.runUrl}`,
									projectId,
									runId: final.runId,
									runUrl: final.runUrl,
									status,
									elapsedTime: final.elapsedTime,
									startTime: final.startTime,
									endTime: final.endTime,
								}),
							},
							pairedItem: expect.anything(),
						},
					]);
					expect((failed[0] as { error?: unknown }).error).toBeUndefined();
				},
			);

			test('Wait for Completion on an existing run that ended ERRORED', async () => {
				const failedRun = hex.fake.state.addRun(projectId, { status: 'ERRORED' });
				const run = await hex.run(
					{
						resource: 'run',
						operation: 'wait',
						runProjectId: locator(projectId),
						runId: failedRun.runId,
					},
					{ onError },
				);
				expect(outputOf(run).failed).toEqual([
					expect.objectContaining({
						json: {
							error: expect.objectContaining({
								message: `The Hex run ended with status ERRORED: ${failedRun.runUrl}`,
								projectId,
								runId: failedRun.runId,
								runUrl: failedRun.runUrl,
								status: 'ERRORED',
								elapsedTime: failedRun.elapsedTime,
							}),
						},
					}),
				]);
				expect(outputOf(run).other).toEqual([]);
			});

			test('a timeout carries the run, its last status and whether it was cancelled', async () => {
				hex.fake.state.setRunOutcome(projectId, {
					status: 'COMPLETED',
					pollsBeforeTerminal: 100,
				});
				const run = await hex.run(startAndWait({ timeout: 25 }), { onError });
				const final = hex.fake.state.runsOf(projectId)[0];
				expect(outputOf(run).failed).toEqual([
					expect.objectContaining({
						json: {
							error: expect.objectContaining({
								message: `The Hex run did not finish within 25 seconds; it was cancelled: ${final.runUrl}`,
								projectId,
								runId: final.runId,
								runUrl: final.runUrl,
								status: 'RUNNING',
								timedOut: true,
								cancelled: true,
							}),
						},
					}),
				]);
			});

			test('an API error mid-wait still carries the run as started', async () => {
				hex.fake.injectFault({ operationId: 'GetRunStatus', status: 404 });
				const run = await hex.run(startAndWait(), { onError });
				const [started] = hex.fake.state.runsOf(projectId);
				expect(outputOf(run).failed).toEqual([
					expect.objectContaining({
						json: {
							error: expect.objectContaining({
								message: expect.stringMatching(/^Hex API error 404/),
								projectId,
								runId: started.runId,
								runUrl: started.runUrl,
							}),
						},
					}),
				]);
			});
		},
	);

	test('an unknown or missing status is never success: the wait goes on', async () => {
		hex.fake.state.setRunOutcome(projectId, { status: 'COMPLETED', pollsBeforeTerminal: 0 });
		for (const status of ['QUEUED_ELSEWHERE', undefined]) {
			hex.fake.injectFault({
				operationId: 'GetRunStatus',
				status: 200,
				contentType: 'application/json',
				body: JSON.stringify({ projectId, runId: 'x', runUrl: 'u', status }),
			});
		}
		const run = await hex.run(startAndWait());
		expect(run.error).toBeUndefined();
		expect(statusPolls()).toHaveLength(3);
		expect(json(run)).toEqual([expect.objectContaining({ status: 'COMPLETED' })]);
	});

	test('timeout cancels the run and says so, with its URL', async () => {
		hex.fake.state.setRunOutcome(projectId, { status: 'COMPLETED', pollsBeforeTerminal: 100 });
		const run = await hex.run(startAndWait({ timeout: 25 }));
		const final = hex.fake.state.runsOf(projectId)[0];
		expect(run.error?.message).toBe(
			`The Hex run did not finish within 25 seconds; it was cancelled: ${hex.fake.state.runsOf(projectId)[0].runUrl}`,
		);
		expect(run.error?.description).toContain(final.runUrl);
		// The last sleep is what is left of the 25 s, less the (real) time the requests took.
		expect(mockClock.sleeps).toEqual([10_000, 10_000, expect.any(Number)]);
		expect(mockClock.sleeps[2]).toBeGreaterThan(4_000);
		expect(mockClock.sleeps[2]).toBeLessThanOrEqual(5_000);
		expect(hex.sent().at(-1)).toEqual(
			expectedRequest(hex, {
				method: 'DELETE',
				path: `/api/v1/projects/${projectId}/runs/${final.runId}`,
			}),
		);
		expect(final.status).toBe('KILLED');
	});

	test('timeout with Cancel Run If the Wait Ends Early off leaves the run running', async () => {
		hex.fake.state.setRunOutcome(projectId, { status: 'COMPLETED', pollsBeforeTerminal: 100 });
		const run = await hex.run(startAndWait({ timeout: 12, cancelOnTimeout: false }));
		expect(run.error?.message).toMatch(
			/^The Hex run did not finish within 12 seconds; it was left running: https?:\/\//,
		);
		expect(hex.sent().some((request) => request.method === 'DELETE')).toBe(false);
		expect(['PENDING', 'RUNNING']).toContain(hex.fake.state.runsOf(projectId)[0].status);
	});

	test('a 429 while polling waits per Retry-After and does not fail the wait', async () => {
		hex.fake.injectFault({
			operationId: 'GetRunStatus',
			status: 429,
			headers: { 'retry-after': '30' },
		});
		const run = await hex.run(startAndWait());
		expect(run.error).toBeUndefined();
		expect(mockClock.sleeps).toEqual([10_000, 30_000, 10_000, 10_000]);
		expect(json(run)).toEqual([expect.objectContaining({ status: 'COMPLETED' })]);
	});

	test('a 429 without Retry-After backs off, capped, and still completes', async () => {
		hex.fake.injectFault({ operationId: 'GetRunStatus', status: 429, times: 2 });
		const run = await hex.run(startAndWait());
		expect(run.error).toBeUndefined();
		expect(mockClock.sleeps).toEqual([10_000, 20_000, 40_000, 10_000, 10_000]);
	});

	test('a dry run never waits', async () => {
		const run = await hex.run(startAndWait({ options: { dryRun: true } }));
		expect(run.error).toBeUndefined();
		expect(hex.sent().map((request) => request.method)).toEqual(['POST']);
		expect(mockClock.sleeps).toEqual([]);
	});

	test('a poll interval under 2 seconds is refused before the run is started', async () => {
		const run = await hex.run(startAndWait({ pollInterval: 1 }));
		expect(run.error?.message).toMatch(/The "Poll Interval" parameter must be at least 2 seconds/);
		expect(hex.fake.requests).toEqual([]);
	});

	test('Continue On Fail: a failed run becomes an error item, the next item still waits', async () => {
		const other = hex.fake.state.projects[1].id;
		hex.fake.state.setRunOutcome(other, { status: 'ERRORED', pollsBeforeTerminal: 0 });
		const run = await hex.run(
			{ ...startAndWait(), runProjectId: locator('={{ $json.project }}') },
			{ continueOnFail: true, input: [{ project: other }, { project: projectId }] },
		);
		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(2);
		expect(run.items[0].json).toEqual({
			error: expect.objectContaining({ projectId: other, status: 'ERRORED' }),
		});
		expect(json(run)[1]).toEqual(
			expect.objectContaining({ projectId, status: 'COMPLETED', finished: true }),
		);
	});

	test('Wait for Completion on an existing run polls it to the end', async () => {
		const started = await hex.run({
			resource: 'run',
			operation: 'start',
			runProjectId: locator(projectId),
		});
		const { runId } = started.items[0].json as { runId: string };
		hex.fake.reset();
		const run = await hex.run({
			resource: 'run',
			operation: 'wait',
			runProjectId: locator(projectId),
			runId,
			pollInterval: 3,
		});
		expect(run.error).toBeUndefined();
		expect(statusPolls()).toHaveLength(3);
		expect(mockClock.sleeps).toEqual([3_000, 3_000]);
		expect(json(run)).toEqual([expect.objectContaining({ runId, status: 'COMPLETED' })]);
	});

	test('Wait for Completion on a finished run answers at once', async () => {
		const finished = hex.fake.state
			.runsOf(hex.fake.state.projects[2].id)
			.find((candidate) => candidate.status === 'COMPLETED');
		const run = await hex.run({
			resource: 'run',
			operation: 'wait',
			runProjectId: locator(hex.fake.state.projects[2].id),
			runId: finished?.runId ?? '',
		});
		expect(run.error).toBeUndefined();
		expect(hex.sent()).toHaveLength(1);
		expect(mockClock.sleeps).toEqual([]);
		expect(json(run)).toEqual([
			expect.objectContaining({ runId: finished?.runId, status: 'COMPLETED' }),
		]);
	});
});
