import { hexLoadOptionsContext } from '../../../../harness/engine';
import { searchThreads } from '../../../../../nodes/Hex/listSearch';
import { addThread, fakeThreads, findThread, threadUrl } from '../../../../fake-hex/routes/threads';
import type { HexTestbed } from '../../../../support/hex';
import { expectedRequest, json, locator, startTestbed } from '../../../../support/hex';

// Time is compressed for the waits: n8n's `sleep` returns at once but advances a virtual clock
// that Date.now follows, so intervals and deadlines are asserted exactly.
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

const THREADS = '/api/v1/threads';

describe('Thread resource (engine)', () => {
	let hex: HexTestbed;

	beforeAll(async () => {
		hex = await startTestbed({ users: 60, projects: 10 });
		jest.spyOn(Date, 'now').mockImplementation(() => realNow() + mockClock.offset);
	});
	afterAll(async () => {
		jest.restoreAllMocks();
		await hex.fake.close();
	});
	beforeEach(() => {
		hex.fake.reset();
		mockClock.sleeps = [];
		fakeThreads(hex.fake.state).outcome = { status: 'IDLE', pollsBeforeIdle: 2 };
	});
	afterEach(() => expect(hex.fake.internalErrors).toEqual([]));

	const state = () => hex.fake.state;
	const project = (index = 0) => state().projects[index];
	const connection = () => state().dataConnections[0];
	const polls = () => hex.sent().filter((request) => request.method === 'GET');

	describe('Create', () => {
		test('sends the prompt, every attachment and every additional field', async () => {
			const link = `https://app.hex.tech/fake-org/hex/${project(0).id}/draft/logic`;
			const run = await hex.run({
				resource: 'thread',
				operation: 'create',
				prompt: 'Which regions grew revenue fastest?',
				attachments: {
					dataConnectionId: ` ${connection().id} `,
					projectIds: `${project(1).id}, ${project(2).id}`,
					tableIds: 'tbl_1, tbl_2',
					semanticDatasetIds: 'ds_1',
					semanticViewIds: 'view_1,,view_2',
				},
				threadAdditionalFields: {
					previewId: ' preview_1 ',
					projectId: locator(link, 'url'),
					muted: false,
				},
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()).toEqual([
				expectedRequest(hex, {
					method: 'POST',
					path: THREADS,
					body: {
						prompt: 'Which regions grew revenue fastest?',
						attachments: {
							dataConnectionId: connection().id,
							projectIds: [project(1).id, project(2).id],
							tableIds: ['tbl_1', 'tbl_2'],
							semanticDatasetIds: ['ds_1'],
							semanticViewIds: ['view_1', 'view_2'],
						},
						previewId: 'preview_1',
						projectId: project(0).id,
						muted: false,
					},
				}),
			]);
			const [created] = json(run) as Array<{ threadId: string }>;
			expect(created).toEqual({
				threadId: expect.any(String),
				url: threadUrl(created.threadId),
				createdAt: expect.any(String),
				projectId: project(0).id,
			});
			expect(findThread(state(), created.threadId)).toEqual(
				expect.objectContaining({ status: 'RUNNING', source: 'PUBLIC_API' }),
			);
		});

		test('sends only the prompt when nothing else is set', async () => {
			const run = await hex.run({ resource: 'thread', operation: 'create', prompt: 'Hi' });
			expect(run.error).toBeUndefined();
			expect(hex.sent()).toEqual([
				expectedRequest(hex, { method: 'POST', path: THREADS, body: { prompt: 'Hi' } }),
			]);
			expect(json(run)).toEqual([expect.objectContaining({ projectId: null })]);
		});

		test('New Project asks Hex for a new project', async () => {
			const run = await hex.run({
				resource: 'thread',
				operation: 'create',
				prompt: 'Build a churn model',
				threadAdditionalFields: { newProject: true, muted: true },
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()[0].body).toEqual({
				prompt: 'Build a churn model',
				newProject: true,
				muted: true,
			});
			expect(json(run)).toEqual([expect.objectContaining({ projectId: expect.any(String) })]);
		});

		test('refuses a project together with New Project, sending nothing', async () => {
			const run = await hex.run({
				resource: 'thread',
				operation: 'create',
				prompt: 'Hi',
				threadAdditionalFields: { projectId: locator(project().id), newProject: true },
			});
			expect(run.error?.message).toBe('Use either "Project" or "New Project", not both');
			expect(hex.fake.requests).toEqual([]);
		});

		test.each([
			[{ prompt: '   ' }, 'The "Prompt" parameter is empty'],
			[
				{ prompt: 'Hi', attachments: { projectIds: `${'5b2c1a7e'}, not-an-id` } },
				'"Project IDs" has an invalid Hex ID: "5b2c1a7e"',
			],
			[
				{ prompt: 'Hi', attachments: { dataConnectionId: 'warehouse' } },
				'"Data Connection ID" is not a Hex ID: "warehouse"',
			],
			[
				{ prompt: 'Hi', threadAdditionalFields: { projectId: locator('my-project') } },
				'The "Project" parameter is not a Hex ID (a UUID): "my-project"',
			],
		])('refuses bad input naming the field, sending nothing (%#)', async (parameters, message) => {
			const run = await hex.run({ resource: 'thread', operation: 'create', ...parameters });
			expect(run.error?.message).toBe(message);
			expect(run.error?.description).toContain('Nothing was sent to Hex.');
			expect(hex.fake.requests).toEqual([]);
		});
	});

	describe('Wait Until Idle (compressed time)', () => {
		const createAndWait = (extra: object = {}) => ({
			resource: 'thread',
			operation: 'create',
			prompt: 'Why did churn spike in March?',
			waitUntilIdle: true,
			...extra,
		});

		test('Create polls the thread until it is idle and outputs it with the response', async () => {
			const run = await hex.run(createAndWait());
			expect(run.error).toBeUndefined();
			const [created] = hex.sent();
			expect(created).toEqual(
				expectedRequest(hex, {
					method: 'POST',
					path: THREADS,
					body: { prompt: 'Why did churn spike in March?' },
				}),
			);
			const [{ threadId }] = json(run) as Array<{ threadId: string }>;
			expect(polls()).toEqual(
				Array(3).fill(expectedRequest(hex, { method: 'GET', path: `${THREADS}/${threadId}` })),
			);
			expect(mockClock.sleeps).toEqual([10_000, 10_000, 10_000]);
			expect(json(run)).toEqual([
				expect.objectContaining({
					threadId,
					status: 'IDLE',
					url: threadUrl(threadId),
					projectId: null,
					createdAt: expect.any(String),
					error: null,
					response: [
						{ type: 'text', text: 'Here is what I found about "Why did churn spike in March?".' },
					],
				}),
			]);
		});

		test('a thread that ends in ERROR fails the item with the error type, message and URL', async () => {
			fakeThreads(state()).outcome = {
				status: 'ERROR',
				pollsBeforeIdle: 1,
				error: { type: 'AGENT_OVERLOADED', message: 'The agent is overloaded' },
			};
			const run = await hex.run(createAndWait({ pollInterval: 5 }));
			const [thread] = fakeThreads(state()).threads;
			expect(run.error?.message).toBe(
				`The Hex thread stopped with error AGENT_OVERLOADED: The agent is overloaded (${threadUrl(thread.id)})`,
			);
			expect(run.error?.description).toContain(threadUrl(thread.id));
			expect(mockClock.sleeps).toEqual([5_000, 5_000]);
		});

		test.each(['continueRegularOutput', 'continueErrorOutput'] as const)(
			'On Error %s: the error item carries the thread (ERROR and timeout)',
			async (onError) => {
				const failedOutput = (run: { items: unknown[]; errorItems: unknown[] }) =>
					onError === 'continueErrorOutput' ? run.errorItems : run.items;
				fakeThreads(state()).outcome = {
					status: 'ERROR',
					pollsBeforeIdle: 1,
					error: { type: 'AGENT_OVERLOADED', message: 'The agent is overloaded' },
				};
				const errored = await hex.run(createAndWait(), { onError });
				const [thread] = fakeThreads(state()).threads;
				expect(failedOutput(errored)).toEqual([
					expect.objectContaining({
						json: {
							error: expect.objectContaining({
								message: expect.stringContaining(threadUrl(thread.id)),
								threadId: thread.id,
								url: threadUrl(thread.id),
								status: 'ERROR',
							}),
						},
					}),
				]);
				fakeThreads(state()).outcome = { status: 'IDLE', pollsBeforeIdle: 100 };
				const late = await hex.run(createAndWait({ timeout: 25 }), { onError });
				const second = fakeThreads(state()).threads.find((t) => t.id !== thread.id);
				expect(failedOutput(late)).toEqual([
					expect.objectContaining({
						json: {
							error: expect.objectContaining({
								message: expect.stringContaining(threadUrl(second?.id ?? '')),
								threadId: second?.id,
								status: 'RUNNING',
								timedOut: true,
							}),
						},
					}),
				]);
			},
		);

		test('RUNNING, an unknown or a missing status keep the wait going', async () => {
			fakeThreads(state()).outcome = { status: 'IDLE', pollsBeforeIdle: 0 };
			for (const status of ['RUNNING', 'THINKING_HARD', undefined]) {
				hex.fake.injectFault({
					operationId: 'GetThread',
					status: 200,
					contentType: 'application/json',
					body: JSON.stringify({ threadId: 'x', url: 'u', status }),
				});
			}
			const run = await hex.run(createAndWait());
			expect(run.error).toBeUndefined();
			expect(polls()).toHaveLength(4);
			expect(json(run)).toEqual([expect.objectContaining({ status: 'IDLE' })]);
		});

		test('timeout fails with the URL and says the thread keeps running', async () => {
			fakeThreads(state()).outcome = { status: 'IDLE', pollsBeforeIdle: 100 };
			const run = await hex.run(createAndWait({ timeout: 25 }));
			const [thread] = fakeThreads(state()).threads;
			expect(run.error?.message).toBe(
				`The Hex thread did not become idle within 25 seconds; it keeps running in Hex: ${threadUrl(thread.id)}`,
			);
			expect(run.error?.description).toContain(threadUrl(thread.id));
			expect(run.error?.description).toContain('Its last status was RUNNING');
			expect(mockClock.sleeps).toEqual([10_000, 10_000, expect.any(Number)]);
			expect(mockClock.sleeps[2]).toBeGreaterThan(4_000);
			expect(mockClock.sleeps[2]).toBeLessThanOrEqual(5_000);
			expect(thread.status).toBe('RUNNING');
		});

		test('the default timeout is 10 minutes', async () => {
			fakeThreads(state()).outcome = { status: 'IDLE', pollsBeforeIdle: 1000 };
			const run = await hex.run(createAndWait({ pollInterval: 60 }));
			expect(run.error?.message).toMatch(
				/^The Hex thread did not become idle within 600 seconds; it keeps running in Hex: /,
			);
			expect(polls()).toHaveLength(10);
		});

		test('a 429 while polling waits per Retry-After instead of failing', async () => {
			hex.fake.injectFault({
				operationId: 'GetThread',
				status: 429,
				headers: { 'retry-after': '30' },
			});
			const run = await hex.run(createAndWait());
			expect(run.error).toBeUndefined();
			expect(mockClock.sleeps).toEqual([10_000, 30_000, 10_000, 10_000]);
		});

		test.each([
			[{ pollInterval: 1 }, /^The "Poll Interval" parameter must be at least 2 seconds/],
			[{ timeout: 0 }, /^The "Timeout" parameter must be a positive number of seconds/],
		])(
			'bad wait settings are refused before the thread is created (%#)',
			async (extra, message) => {
				const run = await hex.run(createAndWait(extra));
				expect(run.error?.message).toMatch(message);
				expect(hex.fake.requests).toEqual([]);
			},
		);

		test('settings of a wait that is off are not checked', async () => {
			const run = await hex.run(createAndWait({ waitUntilIdle: false, pollInterval: 1 }));
			expect(run.error).toBeUndefined();
			expect(hex.sent().map((request) => request.method)).toEqual(['POST']);
		});

		test('Continue On Fail: a failing item becomes an error item, the next one still waits', async () => {
			const running = addThread(state(), { status: 'RUNNING', pollsLeft: 50 });
			const idle = addThread(state());
			const run = await hex.run(
				{
					resource: 'thread',
					operation: 'continue',
					threadId: locator('={{ $json.thread }}'),
					prompt: 'And by week?',
					waitUntilIdle: true,
				},
				{ continueOnFail: true, input: [{ thread: running.id }, { thread: idle.id }] },
			);
			expect(run.error).toBeUndefined();
			expect(run.items).toHaveLength(2);
			expect(JSON.stringify(run.items[0])).toContain('The thread is still running');
			expect(json(run)[1]).toEqual(expect.objectContaining({ threadId: idle.id, status: 'IDLE' }));
		});
	});

	describe('Continue', () => {
		test('sends the follow-up and its attachments to the idle thread', async () => {
			const thread = addThread(state());
			const run = await hex.run({
				resource: 'thread',
				operation: 'continue',
				threadId: locator(thread.id),
				prompt: 'Break that down by month',
				attachments: { projectIds: project(3).id },
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()).toEqual([
				expectedRequest(hex, {
					method: 'POST',
					path: `${THREADS}/${thread.id}/followup`,
					body: {
						prompt: 'Break that down by month',
						attachments: { projectIds: [project(3).id] },
					},
				}),
			]);
			expect(json(run)).toEqual([{ threadId: thread.id, url: threadUrl(thread.id) }]);
			expect(thread.status).toBe('RUNNING');
		});

		test('with Wait Until Idle outputs the new answer', async () => {
			const thread = addThread(state());
			const link = `https://app.hex.tech/fake-org/threads/${thread.id}`;
			const run = await hex.run({
				resource: 'thread',
				operation: 'continue',
				threadId: locator(link, 'url'),
				prompt: 'And by week?',
				waitUntilIdle: true,
				pollInterval: 3,
			});
			expect(run.error).toBeUndefined();
			expect(polls()).toEqual(
				Array(3).fill(expectedRequest(hex, { method: 'GET', path: `${THREADS}/${thread.id}` })),
			);
			expect(mockClock.sleeps).toEqual([3_000, 3_000, 3_000]);
			expect(json(run)).toEqual([
				expect.objectContaining({
					threadId: thread.id,
					status: 'IDLE',
					response: [{ type: 'text', text: 'Here is what I found about "And by week?".' }],
				}),
			]);
		});

		test("reports Hex's refusal to continue a running thread", async () => {
			const thread = addThread(state(), { status: 'RUNNING', pollsLeft: 5 });
			const run = await hex.run({
				resource: 'thread',
				operation: 'continue',
				threadId: locator(thread.id),
				prompt: 'More',
			});
			expect(run.error?.message).toMatch(
				/^Hex API error 400 BAD_REQUEST: The thread is still running/,
			);
			expect(hex.sent()).toHaveLength(1);
		});

		test('refuses a thread ID that is not a Hex ID, sending nothing', async () => {
			const run = await hex.run({
				resource: 'thread',
				operation: 'continue',
				threadId: locator('={{ "../../users/me" }}'),
				prompt: 'More',
			});
			expect(run.error?.message).toBe(
				'The "Thread" parameter is not a Hex ID (a UUID): "../../users/me"',
			);
			expect(hex.fake.requests).toEqual([]);
		});
	});

	describe('Get', () => {
		test('gets a thread with its status and response', async () => {
			// A generated thread (created ones are listed first).
			const thread = fakeThreads(state()).threads.at(-1);
			if (!thread) throw new Error('no thread');
			const run = await hex.run({
				resource: 'thread',
				operation: 'get',
				threadId: locator(thread.id),
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()).toEqual([
				expectedRequest(hex, { method: 'GET', path: `${THREADS}/${thread.id}` }),
			]);
			expect(json(run)).toEqual([
				expect.objectContaining({
					threadId: thread.id,
					status: 'IDLE',
					title: thread.title,
					url: threadUrl(thread.id),
					userId: thread.userId,
					topics: thread.topics,
					response: thread.response,
				}),
			]);
		});

		test('refuses an empty thread, sending nothing', async () => {
			const run = await hex.run({
				resource: 'thread',
				operation: 'get',
				threadId: locator('={{ "" }}'),
			});
			expect(run.error?.message).toBe('The "Thread" parameter is empty');
			expect(hex.fake.requests).toEqual([]);
		});

		test('an unknown thread is Hex’s 404', async () => {
			const run = await hex.run({
				resource: 'thread',
				operation: 'get',
				threadId: locator('5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c'),
			});
			expect(run.error?.message).toMatch(/^Hex API error 404/);
		});
	});

	describe('Get Many', () => {
		test('Return All walks the cursor to the end, newest first', async () => {
			const run = await hex.run({ resource: 'thread', operation: 'getAll', returnAll: true });
			expect(run.error).toBeUndefined();
			const all = fakeThreads(state()).threads;
			expect((json(run) as Array<{ id: string }>).map((thread) => thread.id)).toEqual(
				all.map((thread) => thread.id),
			);
			expect(json(run)[0]).toEqual(
				expect.objectContaining({
					id: all[0].id,
					orgId: state().orgId,
					url: threadUrl(all[0].id),
					source: all[0].source,
				}),
			);
			expect(hex.sent().map((request) => request.query.limit)).toEqual(
				Array(Math.ceil(all.length / 100)).fill('100'),
			);
			expect(hex.sent()[1].query.after).toEqual(expect.any(String));
		});

		test('Limit asks for that many', async () => {
			const run = await hex.run({ resource: 'thread', operation: 'getAll', limit: 5 });
			expect(run.error).toBeUndefined();
			expect(json(run)).toHaveLength(5);
			expect(hex.sent()).toEqual([
				expectedRequest(hex, { method: 'GET', path: THREADS, query: { limit: '5' } }),
			]);
		});

		test('sends every filter, lists as one comma-separated value each', async () => {
			const topic = fakeThreads(state()).topics[3];
			const run = await hex.run({
				resource: 'thread',
				operation: 'getAll',
				limit: 10,
				filters: {
					source: 'SLACK',
					userId: state().users[1].id,
					type: 'NOTEBOOK',
					numDays: 30,
					hasFeedback: false,
					roles: ['ADMIN', 'EDITOR'],
					warnings: ['DATA_LIMITATION', 'OTHER'],
					topicIds: ` ${topic.id}, other-topic `,
					resourceIds: `${project(0).id},${project(1).id}`,
				},
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()).toEqual([
				expectedRequest(hex, {
					method: 'GET',
					path: THREADS,
					query: {
						limit: '10',
						source: 'SLACK',
						userId: state().users[1].id,
						type: 'NOTEBOOK',
						numDays: '30',
						hasFeedback: 'false',
						roles: 'ADMIN,EDITOR',
						warnings: 'DATA_LIMITATION,OTHER',
						topicIds: `${topic.id},other-topic`,
						resourceIds: `${project(0).id},${project(1).id}`,
					},
				}),
			]);
		});

		test('filters select the matching threads', async () => {
			const topic = fakeThreads(state()).threads[0].topics[0] ?? fakeThreads(state()).topics[0];
			const run = await hex.run({
				resource: 'thread',
				operation: 'getAll',
				returnAll: true,
				filters: { topicIds: topic.id, source: 'HEX' },
			});
			expect(run.error).toBeUndefined();
			const expected = fakeThreads(state()).threads.filter(
				(thread) => thread.source === 'HEX' && thread.topics.some((t) => t.id === topic.id),
			);
			expect((json(run) as Array<{ id: string }>).map((thread) => thread.id)).toEqual(
				expected.map((thread) => thread.id),
			);
		});

		test.each([
			[{ numDays: 0 }, '"Number of Days" must be a whole number of at least 1, got 0'],
			[{ numDays: 1.5 }, '"Number of Days" must be a whole number of at least 1, got 1.5'],
			[{ userId: 'ada@example.com' }, '"User ID" is not a Hex ID: "ada@example.com"'],
		])('refuses a bad filter naming it, sending nothing (%#)', async (filters, message) => {
			const run = await hex.run({ resource: 'thread', operation: 'getAll', limit: 5, filters });
			expect(run.error?.message).toBe(message);
			expect(hex.fake.requests).toEqual([]);
		});
	});

	describe('Get Messages', () => {
		// The first generated thread has 120 blocks: the pages of 50 go back in time.
		const long = () => fakeThreads(state()).threads.find((thread) => thread.messages.length >= 120);
		const rendered = (thread: NonNullable<ReturnType<typeof long>>) =>
			thread.messages.map((message) => ({
				type: 'text',
				text: `${message.role}: ${message.text}`,
				createdAt: message.createdAt,
			}));

		test('Return All walks `before` back to the start and outputs oldest first', async () => {
			const thread = long();
			if (!thread) throw new Error('the fake has no long thread');
			const run = await hex.run({
				resource: 'thread',
				operation: 'getMessages',
				threadId: locator(thread.id),
				returnAll: true,
			});
			expect(run.error).toBeUndefined();
			expect(json(run)).toEqual(rendered(thread));
			const sent = hex.sent();
			expect(sent.map((request) => request.query.limit)).toEqual(['50', '50', '50']);
			expect(sent[0]).toEqual(
				expectedRequest(hex, {
					method: 'GET',
					path: `${THREADS}/${thread.id}/messages`,
					query: { limit: '50' },
				}),
			);
			expect(sent[1].query.before).toEqual(expect.any(String));
			expect(sent[2].query.before).toEqual(expect.any(String));
		});

		test('a Limit keeps the most recent messages, still oldest first', async () => {
			const thread = long();
			if (!thread) throw new Error('the fake has no long thread');
			const run = await hex.run({
				resource: 'thread',
				operation: 'getMessages',
				threadId: locator(thread.id),
				limit: 60,
			});
			expect(run.error).toBeUndefined();
			expect(json(run)).toEqual(rendered(thread).slice(-60));
			expect(hex.sent().map((request) => request.query.limit)).toEqual(['50', '10']);
		});

		test('a small Limit takes one page; Full is sent', async () => {
			const thread = long();
			if (!thread) throw new Error('the fake has no long thread');
			const run = await hex.run({
				resource: 'thread',
				operation: 'getMessages',
				threadId: locator(thread.id),
				limit: 4,
				options: { full: true },
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()).toEqual([
				expectedRequest(hex, {
					method: 'GET',
					path: `${THREADS}/${thread.id}/messages`,
					query: { limit: '4', full: 'true' },
				}),
			]);
			expect(json(run)).toHaveLength(4);
			const last = thread.messages[thread.messages.length - 1];
			expect(json(run)[3]).toEqual({
				type: 'text',
				text: JSON.stringify({ role: 'assistant', content: last.text }),
				createdAt: last.createdAt,
			});
		});

		test('a short thread is one page', async () => {
			const thread = addThread(state());
			const run = await hex.run({
				resource: 'thread',
				operation: 'getMessages',
				threadId: locator(thread.id),
				returnAll: true,
			});
			expect(run.error).toBeUndefined();
			expect(json(run)).toEqual(rendered(thread));
			expect(hex.sent()).toHaveLength(1);
		});

		test('refuses a Limit of 0, sending nothing', async () => {
			const run = await hex.run({
				resource: 'thread',
				operation: 'getMessages',
				threadId: locator(addThread(state()).id),
				limit: 0,
			});
			expect(run.error?.message).toBe(
				'The "Limit" parameter must be a whole number of at least 1, got 0',
			);
			expect(hex.fake.requests).toEqual([]);
		});
	});

	describe('picker', () => {
		const context = () => hexLoadOptionsContext(hex.credentials);

		test('lists one page of 100 threads, titled with their day, with a token for the next', async () => {
			const page = await searchThreads.call(context());
			const [first] = fakeThreads(state()).threads;
			expect(page.results).toHaveLength(100);
			expect(page.results[0]).toEqual({
				name: `${first.title ?? 'Untitled or private thread'} (${first.createdAt.slice(0, 10)})`,
				value: first.id,
				url: threadUrl(first.id),
			});
			expect(page.paginationToken).toEqual(expect.any(String));
			expect(hex.fake.requests).toEqual([
				expect.objectContaining({ path: THREADS, query: { limit: '100' } }),
			]);
		});

		test('a search reads further pages and matches titles case-insensitively', async () => {
			const wanted = fakeThreads(state())
				.threads.filter((thread) => thread.title !== null)
				.at(-1);
			if (!wanted?.title) throw new Error('no titled thread');
			const page = await searchThreads.call(context(), wanted.title.toUpperCase());
			expect(page.results).toContainEqual(expect.objectContaining({ value: wanted.id }));
			expect(page.results.every((item) => item.name.includes(wanted.title ?? ''))).toBe(true);
			expect(hex.fake.requests.length).toBe(2);
		});
	});
});
