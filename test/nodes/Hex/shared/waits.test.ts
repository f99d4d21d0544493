import type { IDataObject } from 'n8n-workflow';

import { clock } from '../../../../nodes/Hex/shared/hexRequest';
import type { HexTestbed } from '../../../support/hex';
import { locator, startTestbed, waitFor } from '../../../support/hex';

// Compressed time: the node's pauses (clock.pause) return at once but advance a virtual clock
// that Date.now follows, so intervals and deadlines run as in real time without taking it. The
// fake's delays stay real.
const mockClock = { offset: 0 };
const realNow = Date.now.bind(Date);

// The fake answers a hung poll only after a minute (less once the client has gone), far past the
// one-second request timeout, so a busy machine cannot turn the timeout into an answer.
const HUNG_MS = 60_000;

describe('waits survive the network (engine, compressed time)', () => {
	let hex: HexTestbed;
	let projectId: string;

	beforeAll(async () => {
		hex = await startTestbed({ users: 5, projects: 5 });
		projectId = hex.fake.state.projects[0].id;
		jest.spyOn(Date, 'now').mockImplementation(() => realNow() + mockClock.offset);
		jest.spyOn(clock, 'pause').mockImplementation(async (ms: number) => {
			mockClock.offset += Math.max(0, ms);
		});
	});
	afterAll(async () => {
		jest.restoreAllMocks();
		await hex.fake.close();
	});
	beforeEach(() => {
		hex.fake.reset();
		hex.fake.state.setRunOutcome(projectId, { status: 'COMPLETED', pollsBeforeTerminal: 3 });
	});
	afterEach(() => expect(hex.fake.internalErrors).toEqual([]));

	const startAndWait = (extra: IDataObject = {}) => ({
		resource: 'run',
		operation: 'start',
		runProjectId: locator(projectId),
		waitForCompletion: true,
		requestOptions: { timeout: 1000 },
		...extra,
	});
	const count = (operationId: string) =>
		hex.fake.requests.filter((request) => request.operationId === operationId).length;

	// The run reports COMPLETED at its 4th status answer, so 5 polls with the failed one. The fake
	// still handles a hung poll once the client has gone, before or after the next poll arrives:
	// it may count as one of the four.
	test.each([
		['a connection reset', { resetConnection: true }, 5],
		['a poll that never answers', { delayMs: HUNG_MS }, [4, 5]],
		['a 502', { status: 502 }, 5],
		['a 503', { status: 503 }, 5],
		['a 429', { status: 429, headers: { 'retry-after': '20' } }, 5],
		['a 500', { status: 500 }, 5],
	])(
		'%s at the 2nd poll: the wait completes, one start, no cancel',
		async (_label, fault, polls) => {
			hex.fake.injectFault({ operationId: 'GetRunStatus', skip: 1, ...fault });
			const run = await hex.run(startAndWait());
			expect(run.error).toBeUndefined();
			expect(run.items.map((item) => item.json.status)).toEqual(['COMPLETED']);
			expect(count('RunProject')).toBe(1);
			expect(count('CancelRun')).toBe(0);
			expect([polls].flat()).toContain(count('GetRunStatus'));
		},
	);

	test('a 401 mid-wait ends it with an error item that carries the run, which is cancelled', async () => {
		hex.fake.injectFault({ operationId: 'GetRunStatus', skip: 1, status: 401 });
		const run = await hex.run(startAndWait(), { continueOnFail: true });
		const [started] = hex.fake.state.runsOf(projectId);
		expect(run.error).toBeUndefined();
		expect(run.items.map((item) => item.json.error)).toEqual([
			expect.objectContaining({
				message: `Hex API error 401 UNAUTHORIZED: Injected fault (401) while waiting for the Hex run; it was cancelled: ${started.runUrl}`,
				runId: started.runId,
				projectId,
				runUrl: started.runUrl,
				cancelled: true,
			}),
		]);
		expect(count('CancelRun')).toBe(1);
		expect(started.status).toBe('KILLED');
	});

	test('when the cancellation fails too, the error item says the run may still be running', async () => {
		hex.fake.injectFault({ operationId: 'GetRunStatus', skip: 1, status: 403 });
		hex.fake.injectFault({ operationId: 'CancelRun', status: 403 });
		const run = await hex.run(startAndWait(), { continueOnFail: true });
		const [started] = hex.fake.state.runsOf(projectId);
		const error = run.items[0].json.error as IDataObject;
		expect(error.message).toMatch(
			/^Hex API error 403 .* while waiting for the Hex run; cancelling it failed \(Hex API error 403.*\), so it may still be running: /,
		);
		expect(error.cancelled).toBe(false);
		expect(error.runId).toBe(started.runId);
		expect(count('CancelRun')).toBe(1);
	});

	test('with Cancel Run off, an error mid-wait leaves the run running and says so', async () => {
		hex.fake.injectFault({ operationId: 'GetRunStatus', skip: 1, status: 404 });
		const run = await hex.run(startAndWait({ cancelOnTimeout: false }));
		expect(run.error?.message).toMatch(
			/^Hex API error 404 .* while waiting for the Hex run; it was left running: /,
		);
		expect(count('CancelRun')).toBe(0);
	});

	test('hung polls cannot stretch the wait: Timeout ends it and the run is cancelled', async () => {
		hex.fake.injectFault({ operationId: 'GetRunStatus', delayMs: HUNG_MS, times: 1000 });
		const startedAt = Date.now();
		const run = await hex.run(startAndWait({ timeout: 60 }));
		const [started] = hex.fake.state.runsOf(projectId);
		expect(run.error?.message).toBe(
			`The Hex run did not finish within 60 seconds; it was cancelled: ${started.runUrl}`,
		);
		expect(run.error?.description).toContain('The last status check failed');
		// Each hung poll costs one request timeout (1 s) at most, beyond the 60 s deadline.
		expect(Date.now() - startedAt).toBeLessThan(61_000 + 1_000 * count('GetRunStatus'));
		expect(count('GetRunStatus')).toBeGreaterThan(1);
		expect(count('CancelRun')).toBe(1);
	});

	test('stopping the execution mid-wait cancels the Hex run: exactly one DELETE', async () => {
		hex.fake.state.setRunOutcome(projectId, { status: 'COMPLETED', pollsBeforeTerminal: 1e6 });
		let stop: () => void = () => undefined;
		const running = hex.run(startAndWait({ timeout: 1e6 }), {
			onStart: (stopExecution) => (stop = stopExecution),
		});
		await waitFor(() => count('GetRunStatus') >= 2);
		stop();
		await waitFor(() => count('CancelRun') >= 1);
		await running;
		const [started] = hex.fake.state.runsOf(projectId);
		expect(count('CancelRun')).toBe(1);
		expect(count('RunProject')).toBe(1);
		expect(started.status).toBe('KILLED');
	});

	test('a run that already ended is not cancelled', async () => {
		hex.fake.state.setRunOutcome(projectId, { status: 'ERRORED', pollsBeforeTerminal: 1 });
		const run = await hex.run(startAndWait());
		expect(run.error?.message).toMatch(/^The Hex run ended with status ERRORED/);
		expect(count('CancelRun')).toBe(0);
	});
});
