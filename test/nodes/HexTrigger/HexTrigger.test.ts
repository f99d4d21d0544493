import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { HexTrigger } from '../../../nodes/HexTrigger/HexTrigger.node';
import type { ProjectRun } from '../../fake-hex/state';
import { TriggerWorkflow } from '../../harness/poll';
import type { HexTestbed } from '../../support/hex';
import { locator, startTestbed } from '../../support/hex';

/** A run as GetProjectRuns lists it: the trace ID is the listing request's own. */
const listed = (run: ProjectRun, extra: IDataObject = {}) => ({
	...run,
	traceId: expect.any(String),
	...extra,
});

const selected = (ids: string[], extra: INodeParameters = {}): INodeParameters => ({
	event: 'runFinished',
	projectScope: 'selected',
	projects: { project: ids.map((id) => ({ projectId: locator(id) })) },
	...extra,
});

const allProjects = (extra: INodeParameters = {}): INodeParameters => ({
	event: 'runFinished',
	projectScope: 'all',
	...extra,
});

/** The requests of the last poll, as "operation query" pairs. */
function requests(hex: HexTestbed) {
	return hex.fake.requests.map((request) => ({
		operationId: request.operationId,
		path: request.path,
		query: request.query,
	}));
}

function operations(hex: HexTestbed) {
	return hex.fake.requests.map((request) => request.operationId);
}

const runsPath = (projectId: string) => `/api/v1/projects/${projectId}/runs`;

test('description: a polling trigger with the project picker, never usable as a tool', () => {
	const { description, methods } = new HexTrigger();
	expect(description).toEqual(
		expect.objectContaining({
			name: 'hexTrigger',
			displayName: 'Hex Trigger',
			polling: true,
			group: ['trigger'],
			inputs: [],
			credentials: [{ name: 'hexApi', required: true }],
			defaults: { name: 'Hex Trigger' },
		}),
	);
	expect(description.usableAsTool).toBeUndefined();
	expect(Object.keys(methods.listSearch)).toEqual(['searchProjects']);
});

describe('Hex Trigger: Run Finished, selected projects', () => {
	let hex: HexTestbed;

	beforeAll(async () => {
		hex = await startTestbed({ users: 20, projects: 10, dataConnections: 1 });
	});
	afterAll(async () => await hex.fake.close());
	beforeEach(() => hex.fake.reset());
	afterEach(() => expect(hex.fake.internalErrors).toEqual([]));

	// The first three projects are published and carry a run history of 12 runs each.
	const project = (index: number) => hex.fake.state.projects[index];
	const trigger = (parameters: INodeParameters) =>
		new TriggerWorkflow({ parameters, credentials: hex.credentials });

	/** A first poll (the baseline), then a clean request log. */
	async function activated(parameters: INodeParameters): Promise<TriggerWorkflow> {
		const workflow = trigger(parameters);
		expect(await workflow.poll()).toBeNull();
		hex.fake.reset();
		return workflow;
	}

	test('first activation emits nothing old and reads one page per project', async () => {
		const running = hex.fake.state.addRun(project(0).id, { status: 'RUNNING' });
		const workflow = trigger(selected([project(0).id]));
		expect(await workflow.poll()).toBeNull();
		expect(requests(hex)).toEqual([
			{
				operationId: 'GetProjectRuns',
				path: runsPath(project(0).id),
				query: { limit: '100', offset: '0', runTriggerFilter: 'ALL' },
			},
		]);
		// The baseline: the newest start time, the run that has it, and the run still running.
		expect(workflow.savedStaticData()).toEqual({
			'node:Hex Trigger': {
				hexTrigger: {
					v: 1,
					event: 'runFinished',
					runTrigger: 'ALL',
					polledAt: expect.any(Number),
					projects: {
						[project(0).id]: {
							w: Date.parse(running.startTime ?? ''),
							at: [running.runId],
							open: [running.runId],
						},
					},
				},
			},
		});
		hex.fake.state.finishRun(project(0).id, running.runId);
	});

	test('three runs finished between two polls: exactly three items, then none', async () => {
		const workflow = await activated(selected([project(0).id]));
		// Two of them started at the same instant: Hex's timestamps can tie.
		const first = hex.fake.state.addRun(project(0).id, { status: 'COMPLETED' });
		const tied = { startTime: first.startTime, endTime: first.endTime };
		const runs = [
			first,
			hex.fake.state.addRun(project(0).id, { status: 'ERRORED', runTrigger: 'API', ...tied }),
			hex.fake.state.addRun(project(0).id, { status: 'KILLED', runTrigger: 'APP_REFRESH' }),
		];
		expect(await workflow.pollJson()).toEqual(runs.map((run) => listed(run)));
		expect(operations(hex)).toEqual(['GetProjectRuns']);
		hex.fake.reset();
		expect(await workflow.poll()).toBeNull();
		expect(operations(hex)).toEqual(['GetProjectRuns']);
	});

	test('a run is never emitted twice: across polls and across restarts', async () => {
		const first = await activated(selected([project(1).id]));
		// Restart right after the first activation: the baseline was kept.
		const second = first.restarted();
		const a = hex.fake.state.addRun(project(1).id);
		expect(await second.pollJson()).toEqual([listed(a)]);
		expect(await second.poll()).toBeNull();
		// Restart after emitting: nothing comes back, and the next run is new.
		const third = second.restarted();
		expect(await third.poll()).toBeNull();
		const b = hex.fake.state.addRun(project(1).id, { status: 'UNABLE_TO_ALLOCATE_KERNEL' });
		expect(await third.restarted().pollJson()).toEqual([listed(b)]);
		// The state survives as JSON and stays small: one watermark and one run ID.
		const saved = third.savedStaticData()['node:Hex Trigger'] as IDataObject;
		expect(JSON.stringify(saved).length).toBeLessThan(300);
	});

	test('a run seen unfinished is emitted at the poll that sees it finished', async () => {
		const workflow = await activated(selected([project(2).id]));
		const pending = hex.fake.state.addRun(project(2).id, { status: 'PENDING' });
		const running = hex.fake.state.addRun(project(2).id, { status: 'RUNNING' });
		expect(await workflow.poll()).toBeNull();
		hex.fake.state.finishRun(project(2).id, running.runId, 'COMPLETED');
		expect(await workflow.pollJson()).toEqual([listed(running)]);
		expect(running.status).toBe('COMPLETED');
		// Still pending across a restart, finished afterwards.
		const restarted = workflow.restarted();
		expect(await restarted.poll()).toBeNull();
		hex.fake.state.finishRun(project(2).id, pending.runId, 'ERRORED');
		expect(await restarted.pollJson()).toEqual([listed(pending)]);
		expect(await restarted.poll()).toBeNull();
	});

	test('an awaited run pushed off the pages read is asked for by ID', async () => {
		const workflow = await activated(selected([project(0).id]));
		const running = hex.fake.state.addRun(project(0).id, { status: 'RUNNING' });
		expect(await workflow.poll()).toBeNull();
		const between = Array.from({ length: 100 }, () => hex.fake.state.addRun(project(0).id));
		hex.fake.reset();
		expect(await workflow.pollJson()).toHaveLength(100);
		// Page 1: the 100 new runs; page 2 starts with the running run and then known runs.
		expect(requests(hex).map((request) => request.query.offset)).toEqual(['0', '100']);
		hex.fake.state.finishRun(project(0).id, running.runId);
		const last = hex.fake.state.addRun(project(0).id);
		hex.fake.reset();
		expect(await workflow.pollJson()).toEqual([
			expect.objectContaining({ runId: running.runId, status: 'COMPLETED' }),
			listed(last),
		]);
		expect(requests(hex)).toEqual([
			{
				operationId: 'GetProjectRuns',
				path: runsPath(project(0).id),
				query: { limit: '100', offset: '0', runTriggerFilter: 'ALL' },
			},
			{
				operationId: 'GetRunStatus',
				path: `${runsPath(project(0).id)}/${running.runId}`,
				query: {},
			},
		]);
		expect(between.every((run) => run.status === 'COMPLETED')).toBe(true);
	});

	test('130 runs finished since the last poll: all emitted once, over two pages', async () => {
		const workflow = await activated(selected([project(1).id]));
		const runs = Array.from({ length: 130 }, (_, index) =>
			hex.fake.state.addRun(project(1).id, {
				status: index % 10 === 0 ? 'ERRORED' : 'COMPLETED',
			}),
		);
		const emitted = await workflow.pollJson();
		expect(emitted).toHaveLength(130);
		expect(new Set(emitted.map((run) => run.runId))).toEqual(new Set(runs.map((run) => run.runId)));
		expect(requests(hex).map((request) => request.query)).toEqual([
			{ limit: '100', offset: '0', runTriggerFilter: 'ALL' },
			{ limit: '100', offset: '100', runTriggerFilter: 'ALL' },
		]);
		hex.fake.reset();
		expect(await workflow.poll()).toBeNull();
		expect(await workflow.restarted().poll()).toBeNull();
		expect(operations(hex)).toEqual(['GetProjectRuns', 'GetProjectRuns']);
	});

	test('status filter: only the chosen final statuses, and the others are not kept back', async () => {
		const workflow = await activated(selected([project(0).id], { statuses: ['ERRORED'] }));
		hex.fake.state.addRun(project(0).id, { status: 'COMPLETED' });
		const errored = hex.fake.state.addRun(project(0).id, { status: 'ERRORED' });
		const running = hex.fake.state.addRun(project(0).id, { status: 'RUNNING' });
		hex.fake.state.addRun(project(0).id, { status: 'KILLED' });
		expect(await workflow.pollJson()).toEqual([listed(errored)]);
		hex.fake.state.finishRun(project(0).id, running.runId, 'COMPLETED');
		expect(await workflow.poll()).toBeNull();
	});

	test('run trigger filter: sent to Hex, and only those runs are emitted', async () => {
		const workflow = await activated(selected([project(2).id], { runTrigger: 'SCHEDULED' }));
		hex.fake.state.addRun(project(2).id, { runTrigger: 'API' });
		const scheduled = hex.fake.state.addRun(project(2).id, { runTrigger: 'SCHEDULED' });
		hex.fake.state.addRun(project(2).id, { runTrigger: 'APP_REFRESH' });
		expect(await workflow.pollJson()).toEqual([listed(scheduled)]);
		expect(requests(hex)).toEqual([
			{
				operationId: 'GetProjectRuns',
				path: runsPath(project(2).id),
				query: { limit: '100', offset: '0', runTriggerFilter: 'SCHEDULED' },
			},
		]);
	});

	test('a status outside the spec is never treated as final', async () => {
		const workflow = await activated(selected([project(1).id]));
		const run = hex.fake.state.addRun(project(1).id);
		const unknown = { ...run, runId: '0b7c3e2a-1d4f-4a8b-9c6e-5f2d3a4b1c0e', status: 'ARCHIVED' };
		hex.fake.injectFault({
			operationId: 'GetProjectRuns',
			status: 200,
			body: JSON.stringify({ runs: [unknown, run], nextPage: null, previousPage: null }),
		});
		expect(await workflow.pollJson()).toEqual([run]);
	});

	test('selected projects: by ID and by link, one request each, and a new one counts from then', async () => {
		const workflow = await activated(selected([project(0).id]));
		// A published project without runs so far, added to the selection while active.
		const added = hex.fake.state.projects
			.slice(3)
			.find(
				(candidate) =>
					candidate.lastPublishedAt !== null && hex.fake.state.runsOf(candidate.id).length === 0,
			);
		if (!added) throw new Error('the fake workspace has no other published project');
		const a = hex.fake.state.addRun(project(0).id);
		const b = hex.fake.state.addRun(added.id);
		const parameters: INodeParameters = {
			...selected([]),
			projects: {
				project: [
					{ projectId: locator(project(0).id) },
					{
						projectId: locator(`https://app.hex.tech/acme/hex/${added.id}/draft/logic`, 'url'),
					},
				],
			},
		};
		// Its runs that ended since the last poll are new.
		const edited = workflow.restarted(parameters);
		const emitted = await edited.pollJson();
		expect(emitted).toHaveLength(2);
		expect(emitted).toEqual(expect.arrayContaining([listed(a), listed(b)]));
		expect(operations(hex)).toEqual(['GetProjectRuns', 'GetProjectRuns']);
		expect(hex.fake.requests.map((request) => request.path).sort()).toEqual(
			[runsPath(project(0).id), runsPath(added.id)].sort(),
		);
		hex.fake.reset();
		expect(await edited.poll()).toBeNull();
		// A project left out of the selection is dropped from the state.
		const narrowed = edited.restarted(selected([added.id]));
		expect(await narrowed.poll()).toBeNull();
		const saved = narrowed.savedStaticData()['node:Hex Trigger'] as IDataObject;
		expect(Object.keys((saved.hexTrigger as IDataObject).projects as IDataObject)).toEqual([
			added.id,
		]);
	});

	test('manual mode returns the most recent matching finished run and keeps the state', async () => {
		const workflow = await activated(selected([project(0).id, project(1).id]));
		const stored = workflow.savedStaticData();
		hex.fake.state.addRun(project(0).id, { status: 'ERRORED' });
		const newest = hex.fake.state.addRun(project(1).id, {
			status: 'COMPLETED',
			endTime: new Date(Date.now() + 60_000).toISOString(),
		});
		hex.fake.state.addRun(project(1).id, { status: 'RUNNING' });
		expect(await workflow.pollJson({ mode: 'manual' })).toEqual([listed(newest)]);
		expect(workflow.savedStaticData()).toEqual(stored);
		expect(operations(hex)).toEqual(['GetProjectRuns', 'GetProjectRuns']);
		// One chosen status is asked of Hex directly.
		hex.fake.reset();
		const erroredOnly = workflow.restarted(
			selected([project(0).id, project(1).id], { statuses: ['ERRORED'] }),
		);
		const [errored] = await erroredOnly.pollJson({ mode: 'manual' });
		expect(errored).toEqual(expect.objectContaining({ status: 'ERRORED' }));
		expect(hex.fake.requests[0].query).toEqual({
			limit: '100',
			offset: '0',
			runTriggerFilter: 'ALL',
			statusFilter: 'ERRORED',
		});
		// The trigger still emits both runs afterwards.
		expect(await workflow.pollJson()).toHaveLength(2);
	});

	test('a Hex error fails the poll with the shared message, and the state is kept', async () => {
		const workflow = await activated(selected([project(0).id]));
		const before = workflow.savedStaticData();
		hex.fake.injectFault({ operationId: 'GetProjectRuns', status: 403 });
		await expect(workflow.poll()).rejects.toThrow(/^Hex API error 403/);
		hex.fake.injectFault({ operationId: 'GetProjectRuns', status: 429 });
		await expect(workflow.poll()).rejects.toThrow(/^Hex API error 429/);
		expect(workflow.savedStaticData()).toEqual(before);
		const unknown = '9f1e2d3c-4b5a-4c6d-8e7f-0a1b2c3d4e5f';
		await expect(trigger(selected([unknown])).poll()).rejects.toThrow(/^Hex API error 404/);
		await expect(trigger(selected(['not-an-id'])).poll()).rejects.toThrow(
			'Project 1 under "Projects" is not a Hex project ID: "not-an-id"',
		);
		await expect(trigger(selected([])).poll()).rejects.toThrow('No project selected');
	});
});

describe('Hex Trigger: Fetch Test Event keeps to Max Requests per Poll', () => {
	let hex: HexTestbed;

	// Its own fake: the generated run histories never have UNABLE_TO_ALLOCATE_KERNEL, so the only
	// runs with that status are the ones added here.
	beforeAll(async () => {
		hex = await startTestbed({ users: 5, projects: 3, dataConnections: 1 });
	});
	afterAll(async () => await hex.fake.close());
	beforeEach(() => hex.fake.reset());
	afterEach(() => expect(hex.fake.internalErrors).toEqual([]));

	test('reads no more projects than the cap, says so when none matched, keeps the state', async () => {
		const projects = hex.fake.state.projects.slice(0, 3);
		const watch = (maxRequestsPerPoll: number) =>
			new TriggerWorkflow({
				parameters: selected(
					projects.map((project) => project.id),
					{ maxRequestsPerPoll, statuses: ['UNABLE_TO_ALLOCATE_KERNEL'] },
				),
				credentials: hex.credentials,
			});
		const capped = watch(2);
		const third = hex.fake.state.addRun(projects[2].id, { status: 'UNABLE_TO_ALLOCATE_KERNEL' });
		await expect(capped.pollJson({ mode: 'manual' })).rejects.toThrow(
			'No matching finished run in the 2 of 3 projects that "Max Requests per Poll" (2) let the test read',
		);
		expect(operations(hex)).toEqual(['GetProjectRuns', 'GetProjectRuns']);
		expect(capped.savedStaticData()).toEqual({});
		hex.fake.reset();
		expect(await watch(3).pollJson({ mode: 'manual' })).toEqual([listed(third)]);
		expect(operations(hex)).toHaveLength(3);
		// A match within the first two is returned after two requests.
		hex.fake.reset();
		const first = hex.fake.state.addRun(projects[0].id, { status: 'UNABLE_TO_ALLOCATE_KERNEL' });
		expect(await capped.pollJson({ mode: 'manual' })).toEqual([listed(first)]);
		expect(operations(hex)).toEqual(['GetProjectRuns', 'GetProjectRuns']);
	});
});

describe('Hex Trigger: Run Finished, all projects', () => {
	let hex: HexTestbed;

	beforeAll(async () => {
		hex = await startTestbed({ users: 20, projects: 150, dataConnections: 1 });
	});
	afterAll(async () => await hex.fake.close());
	beforeEach(() => hex.fake.reset());
	afterEach(() => expect(hex.fake.internalErrors).toEqual([]));

	// These tests are about one poll reading every project: a budget that never binds.
	const trigger = (parameters: INodeParameters = allProjects({ maxRequestsPerPoll: 1000 })) =>
		new TriggerWorkflow({ parameters, credentials: hex.credentials });
	/** What ListProjects lists by default: live projects, no components. */
	const listedProjects = () =>
		hex.fake.state.projects.filter(
			(project) => !project.archivedAt && !project.trashedAt && project.type === 'PROJECT',
		);
	const published = () => listedProjects().filter((project) => project.lastPublishedAt !== null);
	const byId = () => [...published()].sort((a, b) => (a.id < b.id ? -1 : 1));

	test('more than 100 projects: every ListProjects page, then one GetProjectRuns per published project', async () => {
		expect(listedProjects().length).toBeGreaterThan(100);
		expect(published().length).toBeLessThan(listedProjects().length);
		const expected = [
			...Array(Math.ceil(listedProjects().length / 100)).fill('ListProjects'),
			...Array(published().length).fill('GetProjectRuns'),
		];
		const workflow = trigger();
		expect(await workflow.poll()).toBeNull();
		expect(operations(hex)).toEqual(expected);
		expect(hex.fake.requests[0].query).toEqual({ limit: '100' });
		expect(hex.fake.requests[1].query).toEqual({ limit: '100', after: expect.any(String) });
		const runPaths = new Set(hex.fake.requests.slice(2).map((request) => request.path));
		expect(runPaths).toEqual(new Set(published().map((project) => runsPath(project.id))));

		const [first, , third] = published();
		const a = hex.fake.state.addRun(first.id);
		const b = hex.fake.state.addRun(third.id, { status: 'ERRORED' });
		hex.fake.reset();
		const emitted = await workflow.pollJson();
		expect(emitted).toHaveLength(2);
		expect(emitted).toEqual(
			expect.arrayContaining([
				listed(a, { projectTitle: first.title }),
				listed(b, { projectTitle: third.title }),
			]),
		);
		expect(operations(hex)).toEqual(expected);
		hex.fake.reset();
		expect(await workflow.restarted().poll()).toBeNull();
		expect(operations(hex)).toEqual(expected);
	});

	test('a project published while active: its runs since the last poll are new', async () => {
		const workflow = trigger();
		expect(await workflow.poll()).toBeNull();
		const unpublished = listedProjects().find((project) => project.lastPublishedAt === null);
		if (!unpublished) throw new Error('the fake workspace has no unpublished project');
		unpublished.lastPublishedAt = new Date().toISOString();
		const run = hex.fake.state.addRun(unpublished.id);
		expect(await workflow.pollJson()).toEqual([listed(run, { projectTitle: unpublished.title })]);
		expect(await workflow.poll()).toBeNull();
	});

	test('a project whose runs cannot be read is left out of the poll', async () => {
		const workflow = trigger();
		expect(await workflow.poll()).toBeNull();
		const [refused, next] = byId();
		const late = hex.fake.state.addRun(refused.id);
		const onTime = hex.fake.state.addRun(next.id);
		// Projects are read in ID order: the first answers 403, is left out, keeps its cursor.
		hex.fake.injectFault({ operationId: 'GetProjectRuns', status: 403 });
		expect(await workflow.pollJson()).toEqual([listed(onTime, { projectTitle: next.title })]);
		expect(await workflow.pollJson()).toEqual([listed(late, { projectTitle: refused.title })]);
	});

	test('rate limited mid-poll: emits what it read, resumes with the next project', async () => {
		const workflow = trigger();
		expect(await workflow.poll()).toBeNull();
		const order = byId();
		const runs = [order[0], order[1], order[5], order[order.length - 1]].map((project) =>
			hex.fake.state.addRun(project.id),
		);
		// 2 ListProjects pages and 3 GetProjectRuns pass, the 4th project is refused.
		hex.fake.setRateLimit({ limit: 5, windowMs: 60_000 });
		hex.fake.reset();
		const firstPart = await workflow.pollJson();
		expect(firstPart.map((run) => run.runId)).toEqual([runs[0].runId, runs[1].runId]);
		expect(operations(hex).filter((op) => op === 'GetProjectRuns')).toHaveLength(4);
		const state = (workflow.savedStaticData()['node:Hex Trigger'] as IDataObject)
			.hexTrigger as IDataObject;
		expect(state.resume).toBe(order[3].id);
		hex.fake.setRateLimit(undefined);
		hex.fake.reset();
		const rest = await workflow.restarted().pollJson();
		expect(rest.map((run) => run.runId)).toEqual([runs[2].runId, runs[3].runId]);
		expect(hex.fake.requests[2].path).toBe(runsPath(order[3].id));
	});

	test('a poll over its time budget stops after one project and goes on from there', async () => {
		const workflow = trigger();
		expect(await workflow.poll()).toBeNull();
		const order = byId();
		const run = hex.fake.state.addRun(order[1].id);
		hex.fake.reset();
		expect(await workflow.poll({ pollBudgetMs: 0 })).toBeNull();
		expect(operations(hex)).toEqual(['ListProjects', 'ListProjects', 'GetProjectRuns']);
		expect(hex.fake.requests[2].path).toBe(runsPath(order[0].id));
		hex.fake.reset();
		expect(await workflow.pollJson({ pollBudgetMs: 0 })).toEqual([
			listed(run, { projectTitle: order[1].title }),
		]);
		expect(hex.fake.requests[2].path).toBe(runsPath(order[1].id));
	});
});

describe('Hex Trigger: Run Finished, request budget', () => {
	let hex: HexTestbed;

	beforeAll(async () => {
		hex = await startTestbed({ users: 20, projects: 150, dataConnections: 1 });
	});
	afterAll(async () => await hex.fake.close());
	beforeEach(() => {
		hex.fake.setRateLimit(undefined);
		hex.fake.reset();
	});
	afterEach(() => expect(hex.fake.internalErrors).toEqual([]));

	const trigger = (extra: INodeParameters = {}) =>
		new TriggerWorkflow({ parameters: allProjects(extra), credentials: hex.credentials });
	const published = () =>
		hex.fake.state.projects.filter(
			(project) =>
				!project.archivedAt &&
				!project.trashedAt &&
				project.type === 'PROJECT' &&
				project.lastPublishedAt !== null,
		);
	const byId = () => [...published()].sort((a, b) => (a.id < b.id ? -1 : 1));
	/** The projects whose runs the last poll read, in order. */
	const projectsRead = () =>
		hex.fake.requests
			.filter((request) => request.operationId === 'GetProjectRuns')
			.map((request) => request.path.split('/')[4]);
	const listPages = () =>
		hex.fake.requests.filter((request) => request.operationId === 'ListProjects').length;

	test('by default a poll sends at most 10 requests, and the next poll goes on from there', async () => {
		expect(byId().length).toBeGreaterThan(20);
		const workflow = trigger();
		expect(await workflow.poll()).toBeNull();
		const pages = listPages();
		expect(hex.fake.requests).toHaveLength(10);
		const first = projectsRead();
		expect(first).toEqual(
			byId()
				.slice(0, 10 - pages)
				.map((project) => project.id),
		);
		hex.fake.reset();
		await workflow.poll();
		expect(hex.fake.requests).toHaveLength(10);
		expect(projectsRead()).toEqual(
			byId()
				.slice(10 - pages, 2 * (10 - pages))
				.map((project) => project.id),
		);
	});

	test('a fair rotation: every project is read once per round, in ID order, wrapping around', async () => {
		let workflow = trigger({ maxRequestsPerPoll: 17 });
		const order = byId().map((project) => project.id);
		const reads: string[] = [];
		const perRound = 17 - 2; // 150 projects: 2 ListProjects pages per poll
		const polls = Math.ceil(order.length / perRound) + 2;
		for (let poll = 0; poll < polls; poll++) {
			hex.fake.reset();
			workflow = workflow.restarted();
			await workflow.poll();
			expect(hex.fake.requests).toHaveLength(17);
			reads.push(...projectsRead());
		}
		// Read as one sequence: the sorted projects, again and again.
		expect(reads).toEqual(reads.map((_id, index) => order[index % order.length]));
	});

	test.each([3, 7, 40])(
		'a poll covering part of the projects (budget %i): no run lost or repeated',
		async (maxRequestsPerPoll) => {
			let workflow = trigger({ maxRequestsPerPoll });
			const order = byId();
			// A run that finished an hour before the activation is never emitted.
			const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
			hex.fake.state.addRun(order[order.length - 1].id, {
				startTime: hourAgo,
				endTime: hourAgo,
			});
			expect(await workflow.poll()).toBeNull();
			const emitted: string[] = [];
			const expected: string[] = [];
			const pollOnce = async () => {
				workflow = workflow.restarted();
				emitted.push(...(await workflow.pollJson()).map((run) => String(run.runId)));
			};
			// Runs finish everywhere while polls cover only part of the workspace: in projects read
			// already, in projects not reached yet, and runs still running at a poll that reads them.
			for (let round = 0; round < 4; round++) {
				for (const index of [round, 40 + round, 80 + round, order.length - 1 - round]) {
					expected.push(hex.fake.state.addRun(order[index].id).runId);
				}
				const running = hex.fake.state.addRun(order[round * 3].id, { status: 'RUNNING' });
				await pollOnce();
				await pollOnce();
				const stored = hex.fake.state.findRun(order[round * 3].id, running.runId);
				if (!stored) throw new Error('the running run is gone');
				stored.status = 'COMPLETED';
				stored.endTime = new Date().toISOString();
				stored.elapsedTime = 1000;
				expected.push(running.runId);
			}
			// Enough polls for one more full round, then a few more that must find nothing.
			const round = Math.ceil(order.length / Math.max(1, maxRequestsPerPoll - 2)) + 3;
			for (let poll = 0; poll < round; poll++) await pollOnce();
			expect([...emitted].sort()).toEqual([...expected].sort());
			expect(new Set(emitted).size).toBe(emitted.length);
		},
	);

	test('the budget is checked before anything is sent', async () => {
		for (const maxRequestsPerPoll of [0, 2.5, -1]) {
			hex.fake.reset();
			await expect(trigger({ maxRequestsPerPoll }).poll()).rejects.toThrow(
				/The "Max Requests per Poll" parameter must be a whole number of at least 1/,
			);
			expect(hex.fake.requests).toEqual([]);
		}
	});
});

describe('Hex Trigger: New Project', () => {
	let hex: HexTestbed;

	beforeAll(async () => {
		hex = await startTestbed({ users: 20, projects: 30, dataConnections: 1 });
	});
	afterAll(async () => await hex.fake.close());
	beforeEach(() => hex.fake.reset());
	afterEach(() => expect(hex.fake.internalErrors).toEqual([]));

	const trigger = (parameters: INodeParameters = {}) =>
		new TriggerWorkflow({
			parameters: { event: 'newProject', ...parameters },
			credentials: hex.credentials,
		});

	async function createProjects(titles: string[]): Promise<IDataObject[]> {
		const run = await hex.run(
			{ resource: 'project', operation: 'create', title: '={{ $json.title }}' },
			{ input: titles.map((title) => ({ title })) },
		);
		expect(run.error).toBeUndefined();
		hex.fake.reset();
		return run.items.map((item) => item.json);
	}

	const listQuery = { limit: '100', sortBy: 'CREATED_AT', sortDirection: 'DESC' };

	test('none on first activation; projects created between polls emitted once, oldest first', async () => {
		const workflow = trigger();
		expect(await workflow.poll()).toBeNull();
		expect(requests(hex)).toEqual([
			{ operationId: 'ListProjects', path: '/api/v1/projects', query: listQuery },
		]);
		const created = await createProjects(['Alpha', 'Beta', 'Gamma']);
		const emitted = await workflow.pollJson();
		expect(emitted).toHaveLength(3);
		expect(emitted).toEqual(expect.arrayContaining(created));
		const times = emitted.map((project) => Date.parse(String(project.createdAt)));
		expect(times).toEqual([...times].sort((a, b) => a - b));
		expect(operations(hex)).toEqual(['ListProjects']);
		hex.fake.reset();
		expect(await workflow.poll()).toBeNull();
		expect(await workflow.restarted().poll()).toBeNull();
		expect(operations(hex)).toEqual(['ListProjects', 'ListProjects']);
	});

	test('more than a page of new projects: read until the known ones, each emitted once', async () => {
		const workflow = trigger();
		expect(await workflow.poll()).toBeNull();
		const titles = Array.from({ length: 105 }, (_, index) => `Bulk ${index + 1}`);
		await createProjects(titles);
		const emitted = await workflow.restarted().pollJson();
		expect(new Set(emitted.map((project) => project.title))).toEqual(new Set(titles));
		expect(emitted).toHaveLength(105);
		expect(operations(hex)).toEqual(['ListProjects', 'ListProjects']);
	});

	test('components only when asked for; manual mode returns the newest project', async () => {
		const workflow = trigger({ includeComponents: true });
		expect(await workflow.poll()).toBeNull();
		expect(hex.fake.requests[0].query).toEqual({ ...listQuery, includeComponents: 'true' });
		const [newest] = await createProjects(['Newest']);
		const stored = workflow.savedStaticData();
		expect(await workflow.pollJson({ mode: 'manual' })).toEqual([newest]);
		expect(hex.fake.requests[0].query).toEqual({
			...listQuery,
			limit: '1',
			includeComponents: 'true',
		});
		expect(workflow.savedStaticData()).toEqual(stored);
		expect(await workflow.pollJson()).toEqual([newest]);
	});
});
