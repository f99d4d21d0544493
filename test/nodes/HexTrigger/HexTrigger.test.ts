import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { HexTrigger } from '../../../nodes/HexTrigger/HexTrigger.node';
import type { ProjectRun } from '../../fake-hex/state';
import type { SimulatedClock } from '../../fake-hex/triggerWorkspace';
import {
	addPublishedProject,
	hexSchedule,
	publishEveryProject,
	simulatedClock,
	withoutSchedules,
} from '../../fake-hex/triggerWorkspace';
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
		// A 429 before anything was read is no failure: nothing new, the state as it was.
		hex.fake.injectFault({ operationId: 'GetProjectRuns', status: 429 });
		expect(await workflow.poll()).toBeNull();
		expect(hex.fake.requests.at(-1)?.operationId).toBe('GetProjectRuns');
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
		withoutSchedules(hex.fake.state);
	});
	afterAll(async () => await hex.fake.close());
	beforeEach(() => hex.fake.reset());
	afterEach(() => expect(hex.fake.internalErrors).toEqual([]));

	// These tests are about what one poll reads: a budget that never binds.
	const trigger = (parameters: INodeParameters = allProjects({ maxRequestsPerPoll: 1000 })) =>
		new TriggerWorkflow({ parameters, credentials: hex.credentials });
	/** What ListProjects lists by default: live projects, no components, newest first. */
	const listedProjects = () =>
		hex.fake.state.projects.filter(
			(project) => !project.archivedAt && !project.trashedAt && project.type === 'PROJECT',
		);
	const isPublished = (project: { lastPublishedAt: string | null }) =>
		project.lastPublishedAt !== null;
	const published = () => listedProjects().filter(isPublished);
	const byId = () => [...published()].sort((a, b) => (a.id < b.id ? -1 : 1));

	/** Activated, and the two list pages read: every project is known. */
	async function activated(): Promise<TriggerWorkflow> {
		const workflow = trigger();
		expect(await workflow.poll()).toBeNull();
		expect(await workflow.poll()).toBeNull();
		hex.fake.reset();
		return workflow;
	}

	test('more than 100 projects: one ListProjects page per poll, then the runs of every project listed so far', async () => {
		expect(listedProjects().length).toBeGreaterThan(100);
		expect(published().length).toBeLessThan(listedProjects().length);
		const firstPage = listedProjects().slice(0, 100).filter(isPublished);
		const workflow = trigger();
		expect(await workflow.poll()).toBeNull();
		expect(operations(hex)).toEqual([
			'ListProjects',
			...Array(firstPage.length).fill('GetProjectRuns'),
		]);
		expect(hex.fake.requests[0].query).toEqual({ limit: '100' });
		const firstRead = new Set(hex.fake.requests.slice(1).map((request) => request.path));
		expect(firstRead).toEqual(new Set(firstPage.map((project) => runsPath(project.id))));

		// The second page, and from now on every published project.
		hex.fake.reset();
		expect(await workflow.poll()).toBeNull();
		const everyProject = ['ListProjects', ...Array(published().length).fill('GetProjectRuns')];
		expect(operations(hex)).toEqual(everyProject);
		expect(hex.fake.requests[0].query).toEqual({ limit: '100', after: expect.any(String) });
		const runPaths = new Set(hex.fake.requests.slice(1).map((request) => request.path));
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
		// A new pass over the list starts at its first page.
		expect(operations(hex)).toEqual(everyProject);
		expect(hex.fake.requests[0].query).toEqual({ limit: '100' });
		hex.fake.reset();
		expect(await workflow.restarted().poll()).toBeNull();
		expect(operations(hex)).toEqual(everyProject);
	});

	test('a project published while active: its runs since the list last passed it are new', async () => {
		const workflow = await activated();
		const unpublished = listedProjects().find((project) => !isPublished(project));
		if (!unpublished) throw new Error('the fake workspace has no unpublished project');
		unpublished.lastPublishedAt = new Date().toISOString();
		const run = hex.fake.state.addRun(unpublished.id);
		// Found when its page is read again: within one pass of the list (two polls here).
		const emitted = [...(await workflow.pollJson()), ...(await workflow.pollJson())];
		expect(emitted).toEqual([listed(run, { projectTitle: unpublished.title })]);
		expect(await workflow.poll()).toBeNull();
		expect(await workflow.poll()).toBeNull();
		unpublished.lastPublishedAt = null;
	});

	test('a project that leaves the list is dropped after two passes that do not list it', async () => {
		const workflow = await activated();
		const [leaving] = byId();
		const stateProjects = () => {
			const saved = workflow.savedStaticData()['node:Hex Trigger'] as IDataObject;
			const state = saved.hexTrigger as IDataObject;
			return {
				cursors: Object.keys(state.projects as IDataObject),
				listed: Object.keys((state.list as IDataObject).projects as IDataObject),
			};
		};
		expect(stateProjects().listed).toContain(leaving.id);
		leaving.archivedAt = new Date().toISOString();
		try {
			// Two more passes of two pages each: still watched after the first, dropped after the second.
			await workflow.poll();
			await workflow.poll();
			expect(stateProjects().listed).toContain(leaving.id);
			await workflow.poll();
			await workflow.poll();
			expect(stateProjects().listed).not.toContain(leaving.id);
			expect(stateProjects().cursors).not.toContain(leaving.id);
			expect(stateProjects().listed.sort()).toEqual(byId().map((project) => project.id));
		} finally {
			leaving.archivedAt = null;
		}
	});

	test('a list cursor that Hex no longer takes: the next poll starts the pass again', async () => {
		const workflow = trigger();
		expect(await workflow.poll()).toBeNull();
		const stale = byId()[0];
		hex.fake.reset();
		hex.fake.injectFault({ operationId: 'ListProjects', status: 400 });
		// The refused page is left for the next poll; the projects known so far are still read.
		expect(await workflow.poll()).toBeNull();
		expect(operations(hex)[0]).toBe('ListProjects');
		expect(
			operations(hex)
				.slice(1)
				.every((op) => op === 'GetProjectRuns'),
		).toBe(true);
		hex.fake.reset();
		expect(await workflow.poll()).toBeNull();
		expect(hex.fake.requests[0].query).toEqual({ limit: '100' });
		hex.fake.reset();
		expect(await workflow.poll()).toBeNull();
		expect(hex.fake.requests[0].query).toEqual({ limit: '100', after: expect.any(String) });
		const run = hex.fake.state.addRun(stale.id);
		expect(await workflow.pollJson()).toEqual([listed(run, { projectTitle: stale.title })]);
		// Any other refusal of a list page fails the poll, and the state is kept: here the first
		// page of the next pass, after the last page.
		expect(await workflow.poll()).toBeNull();
		const before = workflow.savedStaticData();
		hex.fake.injectFault({ operationId: 'ListProjects', status: 400 });
		await expect(workflow.poll()).rejects.toThrow(/^Hex API error 400/);
		hex.fake.injectFault({ operationId: 'ListProjects', status: 429 });
		expect(await workflow.poll()).toBeNull();
		expect(workflow.savedStaticData()).toEqual(before);
	});

	test('a project whose runs cannot be read is left out of the poll', async () => {
		const workflow = await activated();
		const [refused, next] = byId();
		const late = hex.fake.state.addRun(refused.id);
		const onTime = hex.fake.state.addRun(next.id);
		// Projects are read in ID order: the first answers 403, is left out, keeps its cursor.
		hex.fake.injectFault({ operationId: 'GetProjectRuns', status: 403 });
		expect(await workflow.pollJson()).toEqual([listed(onTime, { projectTitle: next.title })]);
		expect(await workflow.pollJson()).toEqual([listed(late, { projectTitle: refused.title })]);
	});

	test('rate limited mid-poll: emits what it read, resumes with the next project', async () => {
		const workflow = await activated();
		const order = byId();
		const runs = [order[0], order[1], order[5], order[order.length - 1]].map((project) =>
			hex.fake.state.addRun(project.id),
		);
		// 1 ListProjects page and 4 GetProjectRuns pass, the 5th project is refused.
		hex.fake.setRateLimit({ limit: 5, windowMs: 60_000 });
		hex.fake.reset();
		const firstPart = await workflow.pollJson();
		expect(firstPart.map((run) => run.runId)).toEqual([runs[0].runId, runs[1].runId]);
		expect(operations(hex).filter((op) => op === 'GetProjectRuns')).toHaveLength(5);
		const state = (workflow.savedStaticData()['node:Hex Trigger'] as IDataObject)
			.hexTrigger as IDataObject;
		expect(state.resume).toBe(order[4].id);
		hex.fake.setRateLimit(undefined);
		hex.fake.reset();
		const rest = await workflow.restarted().pollJson();
		expect(rest.map((run) => run.runId)).toEqual([runs[2].runId, runs[3].runId]);
		expect(hex.fake.requests[1].path).toBe(runsPath(order[4].id));
	});

	test('a poll over its time budget stops after one project and goes on from there', async () => {
		const workflow = await activated();
		const order = byId();
		const run = hex.fake.state.addRun(order[1].id);
		expect(await workflow.poll({ pollBudgetMs: 0 })).toBeNull();
		expect(operations(hex)).toEqual(['ListProjects', 'GetProjectRuns']);
		expect(hex.fake.requests[1].path).toBe(runsPath(order[0].id));
		hex.fake.reset();
		expect(await workflow.pollJson({ pollBudgetMs: 0 })).toEqual([
			listed(run, { projectTitle: order[1].title }),
		]);
		expect(hex.fake.requests[1].path).toBe(runsPath(order[1].id));
	});
});

describe('Hex Trigger: Run Finished, request budget', () => {
	let hex: HexTestbed;

	beforeAll(async () => {
		hex = await startTestbed({ users: 20, projects: 150, dataConnections: 1 });
		withoutSchedules(hex.fake.state);
	});
	afterAll(async () => await hex.fake.close());
	beforeEach(() => {
		hex.fake.setRateLimit(undefined);
		hex.fake.reset();
	});
	afterEach(() => expect(hex.fake.internalErrors).toEqual([]));

	const trigger = (extra: INodeParameters = {}) =>
		new TriggerWorkflow({ parameters: allProjects(extra), credentials: hex.credentials });
	const listedProjects = () =>
		hex.fake.state.projects.filter(
			(project) => !project.archivedAt && !project.trashedAt && project.type === 'PROJECT',
		);
	const published = () => listedProjects().filter((project) => project.lastPublishedAt !== null);
	const sortedIds = (projects: Array<{ id: string }>) =>
		projects.map((project) => project.id).sort((a, b) => (a < b ? -1 : 1));
	/** The projects whose runs the last poll read, in order. */
	const projectsRead = () =>
		hex.fake.requests
			.filter((request) => request.operationId === 'GetProjectRuns')
			.map((request) => request.path.split('/')[4]);
	const listPages = () =>
		hex.fake.requests.filter((request) => request.operationId === 'ListProjects').length;

	test('by default a poll sends at most 10 requests: one list page and 9 projects, and the next poll goes on from there', async () => {
		expect(published().length).toBeGreaterThan(20);
		const workflow = trigger();
		expect(await workflow.poll()).toBeNull();
		expect(hex.fake.requests).toHaveLength(10);
		expect(listPages()).toBe(1);
		// Only the first page is known yet.
		const firstPage = sortedIds(
			listedProjects()
				.slice(0, 100)
				.filter((p) => p.lastPublishedAt),
		);
		expect(projectsRead()).toEqual(firstPage.slice(0, 9));
		hex.fake.reset();
		await workflow.poll();
		expect(hex.fake.requests).toHaveLength(10);
		expect(listPages()).toBe(1);
		// The second page joined the rotation, which goes on after the last project read.
		const all = sortedIds(published());
		const resume = all.indexOf(firstPage[9]);
		expect(projectsRead()).toEqual(all.slice(resume, resume + 9));
	});

	test('a fair rotation: every project is read once per round, in ID order, wrapping around', async () => {
		let workflow = trigger({ maxRequestsPerPoll: 17 });
		// Two polls read both list pages: from then on every project is in the rotation.
		await workflow.poll();
		await workflow.poll();
		const order = sortedIds(published());
		const reads: string[] = [];
		const polls = Math.ceil(order.length / 16) + 2;
		for (let poll = 0; poll < polls; poll++) {
			hex.fake.reset();
			workflow = workflow.restarted();
			await workflow.poll();
			expect(hex.fake.requests).toHaveLength(17);
			expect(listPages()).toBe(1);
			reads.push(...projectsRead());
		}
		// Read as one sequence: the sorted projects, again and again.
		const start = order.indexOf(reads[0]);
		expect(reads).toEqual(reads.map((_id, index) => order[(start + index) % order.length]));
	});

	test('a budget of 1: polls alternate between a list page and one project', async () => {
		let workflow = trigger({ maxRequestsPerPoll: 1 });
		const seen: Array<Array<string | undefined>> = [];
		for (let poll = 0; poll < 6; poll++) {
			hex.fake.reset();
			workflow = workflow.restarted();
			await workflow.poll();
			seen.push(operations(hex));
		}
		expect(seen).toEqual([
			['ListProjects'],
			['GetProjectRuns'],
			['ListProjects'],
			['GetProjectRuns'],
			['ListProjects'],
			['GetProjectRuns'],
		]);
	});

	test.each([3, 7, 40])(
		'a poll covering part of the projects (budget %i): no run lost or repeated',
		async (maxRequestsPerPoll) => {
			let workflow = trigger({ maxRequestsPerPoll });
			const order = [...published()].sort((a, b) => (a.id < b.id ? -1 : 1));
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
				hex.fake.reset();
				workflow = workflow.restarted();
				emitted.push(...(await workflow.pollJson()).map((run) => String(run.runId)));
				expect(hex.fake.requests.length).toBeLessThanOrEqual(maxRequestsPerPoll);
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
			const round = Math.ceil(order.length / (maxRequestsPerPoll - 1)) + 3;
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

describe('Hex Trigger: Run Finished, 350 published projects and a budget of 3', () => {
	let hex: HexTestbed;
	let clock: SimulatedClock;

	beforeAll(async () => {
		hex = await startTestbed({ users: 5, projects: 350, dataConnections: 1 });
		publishEveryProject(hex.fake.state);
	});
	afterAll(async () => await hex.fake.close());
	beforeEach(() => {
		hex.fake.reset();
		clock = simulatedClock(Date.parse('2026-03-02T08:00:00.000Z'));
	});
	afterEach(() => {
		clock.restore();
		expect(hex.fake.internalErrors).toEqual([]);
	});

	const MAX = 3;
	const parameters = allProjects({ maxRequestsPerPoll: MAX });
	const byId = () => [...hex.fake.state.projects].sort((a, b) => (a.id < b.id ? -1 : 1));

	test('no poll sends more than 3 requests, and every finished run is emitted exactly once', async () => {
		let workflow = new TriggerWorkflow({ parameters, credentials: hex.credentials });
		const emittedAt = new Map<string, number[]>();
		const endedAt = new Map<string, number>();
		let polls = 0;
		const poll = async () => {
			clock.advance(60_000);
			polls += 1;
			hex.fake.reset();
			workflow = workflow.restarted();
			for (const run of await workflow.pollJson()) {
				const id = String(run.runId);
				emittedAt.set(id, [...(emittedAt.get(id) ?? []), polls]);
			}
			expect(hex.fake.requests.length).toBeLessThanOrEqual(MAX);
		};
		const finished = (projectId: string, fields = {}) => {
			const run = hex.fake.state.addRun(projectId, fields);
			endedAt.set(run.runId, polls);
			return run;
		};
		await poll();
		expect(emittedAt.size).toBe(0);

		// The last list page (projects 301 to 350 in list order) is read by the fourth poll.
		const listOrder = hex.fake.state.projects;
		const order = byId();
		const running = hex.fake.state.addRun(order[10].id, { status: 'RUNNING' });
		for (let step = 0; step < 12; step++) {
			finished(order[(step * 29) % order.length].id, {
				status: step % 3 ? 'COMPLETED' : 'ERRORED',
			});
			finished(listOrder[listOrder.length - 1 - step].id);
			if (step === 5) {
				// Created and published while active: found at the next pass over the list.
				const created = addPublishedProject(hex.fake.state, 'Created While Active');
				finished(created.id);
			}
			if (step === 8) {
				hex.fake.state.finishRun(order[10].id, running.runId, 'KILLED');
				endedAt.set(running.runId, polls);
			}
			await poll();
		}
		// One round reads 2 projects per poll; a pass over the 4 list pages takes 4 polls.
		const round = Math.ceil(hex.fake.state.projects.length / (MAX - 1));
		const pass = Math.ceil(hex.fake.state.projects.length / 100);
		for (let extra = 0; extra < round + pass + 2; extra++) await poll();

		expect([...emittedAt.keys()].sort()).toEqual([...endedAt.keys()].sort());
		for (const [runId, at] of emittedAt) {
			expect(at).toHaveLength(1);
			// Never later than a pass over the list and one round after the run ended.
			expect(at[0] - (endedAt.get(runId) ?? 0)).toBeLessThanOrEqual(round + pass);
		}
	});

	test('Fetch Test Event keeps to 3 requests, with or without a stored project list', async () => {
		const fresh = new TriggerWorkflow({ parameters, credentials: hex.credentials });
		// Without a stored list: the first list page, then its first two published projects.
		const [first, second] = hex.fake.state.projects;
		// Both read: the later one wins.
		hex.fake.state.addRun(first.id, { status: 'ERRORED' });
		clock.advance(1000);
		const late = hex.fake.state.addRun(second.id, { status: 'COMPLETED' });
		expect(await fresh.pollJson({ mode: 'manual' })).toEqual([
			listed(late, { projectTitle: second.title }),
		]);
		expect(operations(hex)).toEqual(['ListProjects', 'GetProjectRuns', 'GetProjectRuns']);
		// Nothing stored (n8n hands out an empty object for the node's static data).
		expect(fresh.savedStaticData()['node:Hex Trigger'] ?? {}).toEqual({});

		// With the list an active trigger stored: the projects most recently run first.
		let active = new TriggerWorkflow({ parameters, credentials: hex.credentials });
		for (let poll = 0; poll < 4; poll++) {
			clock.advance(60_000);
			active = active.restarted();
			await active.poll();
		}
		const lastListed = hex.fake.state.projects[hex.fake.state.projects.length - 1];
		clock.advance(60_000);
		const newest = hex.fake.state.addRun(lastListed.id, { status: 'COMPLETED' });
		// Until a poll reads its runs, the trigger does not know that project ran.
		for (let poll = 0; poll < Math.ceil(hex.fake.state.projects.length / (MAX - 1)); poll++) {
			clock.advance(60_000);
			active = active.restarted();
			await active.poll();
		}
		hex.fake.reset();
		const stored = active.savedStaticData();
		const manual = active.restarted();
		expect(await manual.pollJson({ mode: 'manual' })).toEqual([
			listed(newest, { projectTitle: lastListed.title }),
		]);
		expect(operations(hex)).toEqual(['GetProjectRuns', 'GetProjectRuns', 'GetProjectRuns']);
		expect(hex.fake.requests[0].path).toBe(runsPath(lastListed.id));
		expect(manual.savedStaticData()).toEqual(stored);
	});
});

describe('Hex Trigger: Run Finished, scheduled projects first', () => {
	let hex: HexTestbed;
	let clock: SimulatedClock;

	beforeAll(async () => {
		hex = await startTestbed({ users: 5, projects: 60, dataConnections: 1 });
	});
	afterAll(async () => await hex.fake.close());
	beforeEach(() => {
		publishEveryProject(hex.fake.state);
		hex.fake.reset();
		clock = simulatedClock(Date.parse('2026-03-04T09:50:00.000Z'));
	});
	afterEach(() => {
		clock.restore();
		expect(hex.fake.internalErrors).toEqual([]);
	});

	const MAX = 4;
	const minute = (hhmm: string) => Date.parse(`2026-03-04T${hhmm}:00.000Z`);
	const byId = () => [...hex.fake.state.projects].sort((a, b) => (a.id < b.id ? -1 : 1));
	const custom = (cron: string, timezone = '+00:00') =>
		hexSchedule('CUSTOM', { custom: { cron, timezone } });

	/** An active trigger polled at given minutes; what each poll read and emitted. */
	function activeTrigger(extra: INodeParameters = {}) {
		let workflow = new TriggerWorkflow({
			parameters: allProjects({ maxRequestsPerPoll: MAX, ...extra }),
			credentials: hex.credentials,
		});
		const emitted = new Map<string, string[]>();
		return {
			emitted,
			/** Polls at hh:mm (UTC); returns the projects whose runs it read, in order. */
			async pollAt(hhmm: string): Promise<string[]> {
				clock.set(minute(hhmm));
				hex.fake.reset();
				workflow = workflow.restarted();
				for (const run of await workflow.pollJson()) {
					const id = String(run.runId);
					emitted.set(id, [...(emitted.get(id) ?? []), hhmm]);
				}
				expect(hex.fake.requests.length).toBeLessThanOrEqual(MAX);
				return hex.fake.requests
					.filter((request) => request.operationId === 'GetProjectRuns')
					.map((request) => request.path.split('/')[4]);
			},
		};
	}

	test('a scheduled run is emitted within two polls of its end; unreadable schedules wait for the rotation', async () => {
		const [hourly, quarterly, unreadable, disabled] = byId().slice(20, 24);
		// Hourly at :30 in +05:30 fires at :00 UTC; every 15 minutes; the first Wednesday (not read).
		hourly.schedules = [hexSchedule('HOURLY', { hourly: { minute: 30, timezone: '+05:30' } })];
		quarterly.schedules = [custom('*/15 * * * *')];
		unreadable.schedules = [custom('0 10 * * 3#1')];
		disabled.schedules = [
			hexSchedule('DAILY', { daily: { hour: 10, minute: 0, timezone: '+00:00' } }, false),
		];
		const trigger = activeTrigger();
		expect(await trigger.pollAt('09:50')).toHaveLength(MAX - 1);
		for (const hhmm of [
			'09:51',
			'09:52',
			'09:53',
			'09:54',
			'09:55',
			'09:56',
			'09:57',
			'09:58',
			'09:59',
		]) {
			await trigger.pollAt(hhmm);
		}
		// At 10:00 itself their runs cannot be there yet: not read first.
		const atFire = await trigger.pollAt('10:00');
		expect(atFire.slice(0, 2)).not.toContain(hourly.id);
		expect(atFire.slice(0, 2)).not.toContain(quarterly.id);
		// The runs the 10:00 fires start, a few seconds late as Hex's are.
		clock.set(minute('10:00') + 5_000);
		const long = hex.fake.state.addRun(hourly.id, { status: 'RUNNING', runTrigger: 'SCHEDULED' });
		const short = hex.fake.state.addRun(quarterly.id, {
			runTrigger: 'SCHEDULED',
			status: 'ERRORED',
		});
		const late = hex.fake.state.addRun(unreadable.id, {
			runTrigger: 'SCHEDULED',
			status: 'ERRORED',
		});
		const off = hex.fake.state.addRun(disabled.id, { runTrigger: 'SCHEDULED', status: 'ERRORED' });
		const first = await trigger.pollAt('10:01');
		expect(first.slice(0, 2).sort()).toEqual([hourly.id, quarterly.id].sort());
		expect(trigger.emitted.get(short.runId)).toEqual(['10:01']);
		// The long run is awaited: its project is read first every other poll until the run ends,
		// which is enough to emit it within two polls of its end.
		expect((await trigger.pollAt('10:02'))[0]).not.toBe(hourly.id);
		expect((await trigger.pollAt('10:03'))[0]).toBe(hourly.id);
		clock.set(minute('10:03') + 20_000);
		hex.fake.state.finishRun(hourly.id, long.runId, 'ERRORED');
		expect((await trigger.pollAt('10:04'))[0]).not.toBe(hourly.id);
		expect((await trigger.pollAt('10:05'))[0]).toBe(hourly.id);
		expect(trigger.emitted.get(long.runId)).toEqual(['10:05']);
		// Then no longer first.
		expect((await trigger.pollAt('10:06'))[0]).not.toBe(hourly.id);
		expect((await trigger.pollAt('10:07'))[0]).not.toBe(hourly.id);

		// The other two are found by the rotation (3 projects a poll, 60 projects): once each.
		for (let poll = 8; poll < 30; poll++)
			await trigger.pollAt(`10:${String(poll).padStart(2, '0')}`);
		expect(trigger.emitted.get(late.runId)).toHaveLength(1);
		expect(trigger.emitted.get(off.runId)).toHaveLength(1);
		expect(trigger.emitted.get(short.runId)).toEqual(['10:01']);
		expect(trigger.emitted.get(long.runId)).toEqual(['10:05']);
		expect([...trigger.emitted.values()].every((polls) => polls.length === 1)).toBe(true);
	});

	test('a fire whose run does not show up: read first for 10 minutes, then left to the rotation', async () => {
		const quarterly = byId()[30];
		quarterly.schedules = [custom('15 10 * * *')];
		const trigger = activeTrigger();
		await trigger.pollAt('10:10');
		// Due from the first poll after the fire (Hex starts its runs a few seconds late).
		expect((await trigger.pollAt('10:15'))[0]).not.toBe(quarterly.id);
		const firstReads: string[] = [];
		for (let at = 16; at < 25; at++) firstReads.push((await trigger.pollAt(`10:${at}`))[0]);
		expect(firstReads).toEqual(Array(9).fill(quarterly.id));
		let reads = 0;
		for (let at = 25; at < 30; at++) {
			reads += (await trigger.pollAt(`10:${at}`)).filter((id) => id === quarterly.id).length;
		}
		// Only the rotation reads it now: at most once in 5 polls of 3 projects out of 60.
		expect(reads).toBeLessThanOrEqual(1);
	});

	test('schedules are not used when scheduled runs are not watched (Run Trigger: API)', async () => {
		const order = byId().map((project) => project.id);
		for (const project of hex.fake.state.projects) project.schedules = [custom('* * * * *')];
		const trigger = activeTrigger({ runTrigger: 'API' });
		const reads: string[] = [];
		for (let at = 0; at < 10; at++) reads.push(...(await trigger.pollAt(`10:0${at}`)));
		// The plain rotation, from the first project.
		expect(reads).toEqual(order.slice(0, reads.length));
	});

	test('many projects due at once: at most Max Requests per Poll, and the rotation still moves on', async () => {
		const order = byId();
		const everyMinute = order.slice(0, 10);
		for (const project of everyMinute) project.schedules = [custom('* * * * *')];
		const quiet = order[45];
		const trigger = activeTrigger();
		await trigger.pollAt('10:00');
		const run = hex.fake.state.addRun(quiet.id, { runTrigger: 'API' });
		const scheduledIds = new Set(everyMinute.map((project) => project.id));
		for (let at = 1; at <= 59; at++) {
			const reads = await trigger.pollAt(`10:${String(at).padStart(2, '0')}`);
			// A list page, two scheduled projects first, one request left for the rotation.
			expect(reads).toHaveLength(MAX - 1);
			expect(reads.slice(0, 2).every((id) => scheduledIds.has(id))).toBe(true);
		}
		expect(trigger.emitted.get(run.runId)).toHaveLength(1);
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
