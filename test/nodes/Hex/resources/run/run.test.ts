import type { HexTestbed } from '../../../../support/hex';
import { expectedRequest, json, locator, startTestbed } from '../../../../support/hex';

type ProjectRun = ReturnType<HexTestbed['fake']['state']['runsOf']>[number];

interface StartedRun {
	projectId: string;
	runId: string;
	runUrl: string;
	runStatusUrl: string;
	traceId: string;
	projectVersion: number;
}

const VIEW_ID = '5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c';

describe('Run resource (engine)', () => {
	let hex: HexTestbed;

	beforeAll(async () => {
		hex = await startTestbed({ runsPerProject: 230 });
	});
	afterAll(async () => await hex.fake.close());
	beforeEach(() => hex.fake.reset());
	afterEach(() => expect(hex.fake.internalErrors).toEqual([]));

	// The first three projects are published and carry the run history; Start uses the first,
	// Get Many the second (never started on, so its 230 runs stay as generated).
	const started = () => hex.fake.state.projects[0];
	const listed = () => hex.fake.state.projects[1];
	const cancelled = () => hex.fake.state.projects[2];
	const runsPath = (projectId: string) => `/api/v1/projects/${projectId}/runs`;
	/** A run as GetRunStatus and GetProjectRuns answer it: the trace ID is the request's own. */
	const asListed = (run: ProjectRun) => ({ ...run, traceId: expect.any(String) });

	/** A run as Run → Get outputs it: as Hex answers it, and whether its status is final. */
	const asGot = (run: ProjectRun) => ({
		...asListed(run),
		finished: ['COMPLETED', 'ERRORED', 'KILLED', 'UNABLE_TO_ALLOCATE_KERNEL'].includes(run.status),
	});

	/**
	 * Starts a run and checks the output: what Hex answered (plus `extra` fields) and, unless it is
	 * a dry run, `finished: false` (Hex's answer has no status yet); returns it.
	 */
	async function startRun(
		parameters: Record<string, unknown>,
		extra: Record<string, unknown> = {},
	): Promise<StartedRun> {
		const dryRun = (parameters.options as { dryRun?: boolean } | undefined)?.dryRun === true;
		const run = await hex.run({
			resource: 'run',
			operation: 'start',
			runProjectId: locator(started().id),
			...parameters,
		});
		expect(run.error).toBeUndefined();
		const output = json(run) as StartedRun[];
		expect(output).toEqual([
			{
				projectId: started().id,
				runId: expect.any(String),
				runUrl: expect.stringContaining(started().id),
				runStatusUrl: `${hex.fake.baseUrl}/v1/projects/${started().id}/runs/${output[0].runId}`,
				traceId: expect.any(String),
				projectVersion: hex.fake.state.projectVersions.get(started().id),
				...(dryRun ? {} : { finished: false }),
				...extra,
			},
		]);
		return output[0];
	}

	describe('Start', () => {
		test('sends inputs given as fields, and the run exists in Hex', async () => {
			const before = hex.fake.state.runsOf(started().id).length;
			const output = await startRun({
				inputParametersMode: 'fields',
				inputParameters: {
					parameter: [
						{ name: 'region', value: 'EMEA' },
						{ name: ' threshold ', value: '10' },
					],
				},
			});
			expect(hex.sent()).toEqual([
				expectedRequest(hex, {
					method: 'POST',
					path: runsPath(started().id),
					body: { inputParams: { region: 'EMEA', threshold: '10' } },
				}),
			]);
			expect(hex.fake.state.runsOf(started().id)).toHaveLength(before + 1);
			expect(hex.fake.state.findRun(started().id, output.runId)).toEqual(
				expect.objectContaining({ status: 'PENDING', runTrigger: 'API' }),
			);
		});

		test('sends inputs given as JSON with their types', async () => {
			const output = await startRun({
				inputParametersMode: 'json',
				inputParametersJson:
					'{"region": "EMEA", "threshold": 10, "live": true, "tags": ["a", "b"]}',
			});
			expect(hex.sent()).toEqual([
				expectedRequest(hex, {
					method: 'POST',
					path: runsPath(started().id),
					body: {
						inputParams: { region: 'EMEA', threshold: 10, live: true, tags: ['a', 'b'] },
					},
				}),
			]);
			expect(hex.fake.state.findRun(started().id, output.runId)).toBeDefined();
		});

		test('sends a trimmed view ID', async () => {
			const output = await startRun({ options: { viewId: ` ${VIEW_ID} ` } });
			expect(hex.sent()).toEqual([
				expectedRequest(hex, {
					method: 'POST',
					path: runsPath(started().id),
					body: { viewId: VIEW_ID },
				}),
			]);
			expect(hex.fake.state.findRun(started().id, output.runId)).toBeDefined();
		});

		test('sends the flags as set, including false, and a dry run creates no run', async () => {
			const before = hex.fake.state.runsOf(started().id).length;
			const output = await startRun({
				options: { dryRun: true, updatePublishedResults: true, useCachedSqlResults: false },
			});
			expect(hex.sent()).toEqual([
				expectedRequest(hex, {
					method: 'POST',
					path: runsPath(started().id),
					body: { dryRun: true, updatePublishedResults: true, useCachedSqlResults: false },
				}),
			]);
			// The deprecated flag is never sent, whatever the options.
			expect(hex.sent()[0].body).not.toHaveProperty('updateCache');
			expect(hex.fake.state.runsOf(started().id)).toHaveLength(before);
			expect(hex.fake.state.findRun(started().id, output.runId)).toBeUndefined();
		});

		test('sends notifications with lists split from commas and only the fields set', async () => {
			const [user, otherUser] = [hex.fake.state.users[3], hex.fake.state.users[4]];
			const group = hex.fake.state.groups[0];
			const output = await startRun(
				{
					notifications: {
						notification: [
							{
								type: 'FAILURE',
								includeSuccessScreenshot: false,
								screenshotFormat: 'pdf',
								slackChannelIds: 'C01, C02',
								userIds: user.id,
							},
							{
								type: 'SUCCESS',
								includeSuccessScreenshot: true,
								screenshotFormat: 'pdf',
								userIds: ` ${user.id},${otherUser.id}, `,
								groupIds: group.id,
								subject: 'Weekly numbers',
								body: 'The run finished.',
							},
						],
					},
				},
				{ notifications: expect.any(Array) },
			);
			expect(hex.sent()).toEqual([
				expectedRequest(hex, {
					method: 'POST',
					path: runsPath(started().id),
					body: {
						notifications: [
							{
								type: 'FAILURE',
								includeSuccessScreenshot: false,
								slackChannelIds: ['C01', 'C02'],
								userIds: [user.id],
							},
							{
								type: 'SUCCESS',
								includeSuccessScreenshot: true,
								screenshotFormat: 'pdf',
								userIds: [user.id, otherUser.id],
								groupIds: [group.id],
								subject: 'Weekly numbers',
								body: 'The run finished.',
							},
						],
					},
				}),
			]);
			const created = hex.fake.state.findRun(started().id, output.runId);
			expect(created?.notifications).toEqual((output as { notifications?: unknown }).notifications);
			expect(created?.notifications?.map((n) => [n.type, n.recipientType, n.recipient.id])).toEqual(
				[
					['FAILURE', 'USER', user.id],
					['FAILURE', 'SLACK_CHANNEL', 'C01'],
					['FAILURE', 'SLACK_CHANNEL', 'C02'],
					['SUCCESS', 'USER', user.id],
					['SUCCESS', 'USER', otherUser.id],
					['SUCCESS', 'GROUP', group.id],
				],
			);
		});

		test('sends no body at all without inputs, options or notifications', async () => {
			const output = await startRun({});
			expect(hex.sent()).toEqual([
				expectedRequest(hex, { method: 'POST', path: runsPath(started().id) }),
			]);
			expect(hex.fake.state.findRun(started().id, output.runId)).toEqual(
				expect.objectContaining({ status: 'PENDING', runTrigger: 'API' }),
			);
		});

		test('without waiting, says the run has not finished: Hex has only just created it', async () => {
			const output = await startRun({ waitForCompletion: false });
			expect((output as unknown as { finished: unknown }).finished).toBe(false);
			expect(hex.fake.state.findRun(started().id, output.runId)?.status).toBe('PENDING');
			expect(hex.sent().map((request) => request.method)).toEqual(['POST']);
		});

		test('accepts a pasted project link', async () => {
			const link = `https://app.hex.tech/fake-org/app/Weekly-Review-${started().id}/latest`;
			await startRun({ runProjectId: locator(link, 'url') });
			expect(hex.sent().map((request) => request.path)).toEqual([runsPath(started().id)]);
		});

		test('refuses a view ID together with input parameters, sending nothing', async () => {
			await hex.refuses(
				{
					resource: 'run',
					operation: 'start',
					runProjectId: locator(started().id),
					inputParametersMode: 'fields',
					inputParameters: { parameter: [{ name: 'region', value: 'EMEA' }] },
					options: { viewId: VIEW_ID },
				},
				'Use either "View ID" or "Input Parameters", not both',
			);
		});

		test('refuses a notification without recipients, sending nothing', async () => {
			await hex.refuses(
				{
					resource: 'run',
					operation: 'start',
					runProjectId: locator(started().id),
					notifications: { notification: [{ type: 'ALL', slackChannelIds: ' , ' }] },
				},
				'Notification 1 has no recipients',
			);
		});
	});

	describe('Get', () => {
		test('gets the run without expanded stats', async () => {
			const stored = hex.fake.state.runsOf(listed().id)[5];
			const run = await hex.run({
				resource: 'run',
				operation: 'get',
				runProjectId: locator(listed().id),
				runId: stored.runId,
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()).toEqual([
				expectedRequest(hex, {
					method: 'GET',
					path: `${runsPath(listed().id)}/${stored.runId}`,
				}),
			]);
			expect(hex.fake.requests[0].headers['enable-expanded-stats']).toBeUndefined();
			expect(json(run)).toEqual([asGot(stored)]);
		});

		test('sends the expanded-stats header when asked and returns the state events', async () => {
			const stored = hex.fake.state.runsOf(listed().id)[0];
			const run = await hex.run({
				resource: 'run',
				operation: 'get',
				runProjectId: locator(listed().id),
				runId: stored.runId,
				options: { includeExpandedStats: true },
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()).toEqual([
				expectedRequest(hex, {
					method: 'GET',
					path: `${runsPath(listed().id)}/${stored.runId}`,
				}),
			]);
			expect(hex.fake.requests[0].headers['enable-expanded-stats']).toBe('true');
			expect(json(run)).toEqual([
				{
					...asGot(stored),
					stateEvents: [
						{ type: 'STATUS', value: 'RUNNING', timestamp: stored.startTime },
						{ type: 'STATUS', value: stored.status, timestamp: stored.endTime },
					],
				},
			]);
		});

		test('follows a run started through the node until it has finished', async () => {
			const { runId } = await startRun({});
			hex.fake.reset();
			const get = async () => {
				const run = await hex.run({
					resource: 'run',
					operation: 'get',
					runProjectId: locator(started().id),
					runId,
				});
				expect(run.error).toBeUndefined();
				return json(run);
			};
			// The fake answers PENDING, then RUNNING, then the final status (COMPLETED by default).
			expect(await get()).toEqual([
				expect.objectContaining({ runId, status: 'PENDING', finished: false }),
			]);
			expect(await get()).toEqual([
				expect.objectContaining({ runId, status: 'RUNNING', finished: false }),
			]);
			expect(await get()).toEqual([
				expect.objectContaining({ runId, status: 'COMPLETED', finished: true }),
			]);
			expect(hex.sent().map((request) => request.method)).toEqual(['GET', 'GET', 'GET']);
		});

		test.each([
			['RUNNING', false],
			['PENDING', false],
			['COMPLETED', true],
			['ERRORED', true],
			['KILLED', true],
			['UNABLE_TO_ALLOCATE_KERNEL', true],
		] as const)('a run that is %s has finished: %s', async (status, finished) => {
			const stored = hex.fake.state.addRun(started().id, { status });
			const run = await hex.run({
				resource: 'run',
				operation: 'get',
				runProjectId: locator(started().id),
				runId: stored.runId,
			});
			expect(run.error).toBeUndefined();
			expect(json(run)).toEqual([{ ...asListed(stored), finished }]);
		});

		test("a status Hex's spec does not list, or none, is not finished", async () => {
			const stored = hex.fake.state.addRun(started().id, { status: 'RUNNING' });
			for (const status of ['QUEUED_ELSEWHERE', undefined]) {
				hex.fake.injectFault({
					operationId: 'GetRunStatus',
					status: 200,
					contentType: 'application/json',
					body: JSON.stringify({ projectId: started().id, runId: stored.runId, status }),
				});
				const run = await hex.run({
					resource: 'run',
					operation: 'get',
					runProjectId: locator(started().id),
					runId: stored.runId,
				});
				expect(run.error).toBeUndefined();
				expect(json(run)).toEqual([
					{ projectId: started().id, runId: stored.runId, status, finished: false },
				]);
			}
		});
	});

	describe('Get Many', () => {
		test('Return All walks every offset page', async () => {
			const runs = hex.fake.state.runsOf(listed().id);
			expect(runs).toHaveLength(230);
			const run = await hex.run({
				resource: 'run',
				operation: 'getAll',
				runProjectId: locator(listed().id),
				returnAll: true,
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()).toEqual(
				[0, 100, 200].map((offset) =>
					expectedRequest(hex, {
						method: 'GET',
						path: runsPath(listed().id),
						query: { limit: '100', offset: String(offset) },
					}),
				),
			);
			expect(json(run)).toEqual(runs.map(asListed));
		});

		test('Limit asks only for what it needs', async () => {
			const run = await hex.run({
				resource: 'run',
				operation: 'getAll',
				runProjectId: locator(listed().id),
				limit: 150,
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent().map((request) => request.query)).toEqual([
				{ limit: '100', offset: '0' },
				{ limit: '50', offset: '100' },
			]);
			expect(json(run)).toEqual(hex.fake.state.runsOf(listed().id).slice(0, 150).map(asListed));
		});

		test('a small Limit takes one page', async () => {
			const run = await hex.run({
				resource: 'run',
				operation: 'getAll',
				runProjectId: locator(listed().id),
				returnAll: false,
				limit: 7,
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()).toEqual([
				expectedRequest(hex, {
					method: 'GET',
					path: runsPath(listed().id),
					query: { limit: '7', offset: '0' },
				}),
			]);
			expect(json(run)).toEqual(hex.fake.state.runsOf(listed().id).slice(0, 7).map(asListed));
		});

		test('sends the status and trigger filters with a Limit', async () => {
			const run = await hex.run({
				resource: 'run',
				operation: 'getAll',
				runProjectId: locator(listed().id),
				limit: 5,
				filters: { statusFilter: 'ERRORED', runTriggerFilter: 'SCHEDULED' },
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()).toEqual([
				expectedRequest(hex, {
					method: 'GET',
					path: runsPath(listed().id),
					query: {
						limit: '5',
						offset: '0',
						statusFilter: 'ERRORED',
						runTriggerFilter: 'SCHEDULED',
					},
				}),
			]);
			const expected = hex.fake.state
				.runsOf(listed().id)
				.filter((r) => r.status === 'ERRORED' && r.runTrigger === 'SCHEDULED')
				.slice(0, 5);
			expect(expected).toHaveLength(5);
			expect(json(run)).toEqual(expected.map(asListed));
		});

		test('Return All with a filter pages through the filtered runs only', async () => {
			const expected = hex.fake.state.runsOf(listed().id).filter((r) => r.status === 'COMPLETED');
			expect(expected.length).toBeGreaterThan(100);
			expect(expected.length).toBeLessThan(200);
			const run = await hex.run({
				resource: 'run',
				operation: 'getAll',
				runProjectId: locator(listed().id),
				returnAll: true,
				filters: { statusFilter: 'COMPLETED' },
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent().map((request) => request.query)).toEqual([
				{ limit: '100', offset: '0', statusFilter: 'COMPLETED' },
				{ limit: '100', offset: '100', statusFilter: 'COMPLETED' },
			]);
			expect(json(run)).toEqual(expected.map(asListed));
		});
	});

	describe('Cancel', () => {
		test('deletes the run, says what was cancelled, and the run is KILLED', async () => {
			const start = await hex.run({
				resource: 'run',
				operation: 'start',
				runProjectId: locator(cancelled().id),
			});
			expect(start.error).toBeUndefined();
			const { runId } = json(start)[0] as StartedRun;
			hex.fake.reset();

			const run = await hex.run({
				resource: 'run',
				operation: 'cancel',
				runProjectId: locator(cancelled().id),
				runId,
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()).toEqual([
				expectedRequest(hex, {
					method: 'DELETE',
					path: `${runsPath(cancelled().id)}/${runId}`,
				}),
			]);
			expect(json(run)).toEqual([{ projectId: cancelled().id, runId, cancelled: true }]);
			expect(hex.fake.state.findRun(cancelled().id, runId)?.status).toBe('KILLED');
		});

		test("reports Hex's refusal to cancel a finished run", async () => {
			const finished = hex.fake.state
				.runsOf(cancelled().id)
				.find((r) => r.status === 'COMPLETED') as ProjectRun;
			const run = await hex.run({
				resource: 'run',
				operation: 'cancel',
				runProjectId: locator(cancelled().id),
				runId: finished.runId,
			});
			expect(run.error?.message).toContain('Hex API error 422');
			expect(run.items).toEqual([]);
			expect(hex.sent().map((request) => request.method)).toEqual(['DELETE']);
			expect(hex.fake.state.findRun(cancelled().id, finished.runId)?.status).toBe('COMPLETED');
		});
	});
});
