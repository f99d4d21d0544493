import type { INodeExecutionData } from 'n8n-workflow';

import { clock } from '../../../../../nodes/Hex/shared/hexRequest';
import { chartPng, chartPngText, pngTextChunks } from '../../../../fake-hex/png';
import type { Cell } from '../../../../fake-hex/routes/cells';
import {
	addCells,
	addChartCell,
	cellsOf,
	markCellAddedAfter,
} from '../../../../fake-hex/routes/cells';
import type { HexTestbed } from '../../../../support/hex';
import { expectedRequest, json, locator, startTestbed } from '../../../../support/hex';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('Run → Get Chart Images (engine)', () => {
	let hex: HexTestbed;

	beforeAll(async () => {
		hex = await startTestbed({ users: 20, projects: 6, dataConnections: 2 });
	});
	afterAll(async () => await hex.fake.close());
	beforeEach(() => hex.fake.reset());
	afterEach(() => {
		expect(hex.fake.internalErrors).toEqual([]);
		jest.restoreAllMocks();
	});

	// Each test that changes a draft uses a project of its own.
	const project = (index: number) => hex.fake.state.projects[index];
	const completedRun = (projectId: string) =>
		hex.fake.state.addRun(projectId, { status: 'COMPLETED' });
	const chartsOf = (projectId: string) =>
		cellsOf(hex.fake.state, projectId).filter((cell) =>
			['CHART', 'VEGA_CHART'].includes(cell.cellType),
		);
	const runPath = (projectId: string, runId: string) =>
		`/api/v1/projects/${projectId}/runs/${runId}`;
	const imagePath = (projectId: string, runId: string, staticId: string) =>
		`${runPath(projectId, runId)}/cells/${staticId}/image`;
	const getChartImages = (projectId: string, runId: string, extra: Record<string, unknown> = {}) =>
		hex.run({
			resource: 'run',
			operation: 'getChartImages',
			runProjectId: locator(projectId),
			runId,
			...extra,
		});
	const asSkipped = (cell: Cell) => ({
		label: cell.label,
		staticId: cell.staticId,
		cellId: cell.id,
	});
	const imageRequests = () =>
		hex.fake.requests.filter((request) => request.operationId === 'GetChartImageFromRun');
	const bytesOf = (item: INodeExecutionData, field = 'data') =>
		Buffer.from(item.binary?.[field]?.data ?? '', 'base64');

	test('outputs one item per chart of the run, in notebook order, with the PNG the run rendered', async () => {
		const { id: projectId } = project(0);
		// Both chart types of the spec; the generated draft has a CHART and non-chart cells.
		addChartCell(hex.fake.state, projectId, 'Signups (legacy)', 'VEGA_CHART');
		const run = completedRun(projectId);
		const charts = chartsOf(projectId);
		expect(charts.map((chart) => chart.cellType)).toEqual(
			expect.arrayContaining(['CHART', 'VEGA_CHART']),
		);

		const result = await getChartImages(projectId, run.runId);

		expect(result.error).toBeUndefined();
		expect(hex.sent()).toEqual([
			expectedRequest(hex, { method: 'GET', path: runPath(projectId, run.runId) }),
			expectedRequest(hex, {
				method: 'GET',
				path: '/api/v1/cells',
				query: { projectId, limit: '100' },
			}),
			...charts.map((chart) =>
				expectedRequest(hex, {
					method: 'GET',
					path: imagePath(projectId, run.runId, chart.staticId),
				}),
			),
		]);
		expect(json(result)).toEqual(
			charts.map((chart) => ({
				projectId,
				runId: run.runId,
				label: chart.label,
				staticId: chart.staticId,
				cellId: chart.id,
				mimeType: 'image/png',
				skippedCharts: [],
			})),
		);
		result.items.forEach((item, index) => {
			const chart = charts[index];
			const bytes = bytesOf(item);
			expect(bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE);
			// Exactly the bytes the fake rendered for this chart of this run (CRCs checked too).
			expect(bytes).toEqual(chartPng(chart.staticId, run.runId));
			expect(pngTextChunks(bytes)).toEqual({ Comment: chartPngText(chart.staticId, run.runId) });
			expect(item.binary?.data).toEqual(
				expect.objectContaining({
					mimeType: 'image/png',
					fileExtension: 'png',
					fileName: chart.label ? `${chart.label}.png` : `chart-${chart.staticId}.png`,
				}),
			);
		});
	});

	test('ignores cells that are not charts, reads every page of the draft, names files apart', async () => {
		const { id: projectId } = project(1);
		// 150 Markdown cells push the last charts onto the second page of ListCells.
		addCells(hex.fake.state, projectId, 150);
		const twins = [
			addChartCell(hex.fake.state, projectId, 'Churn: weekly/monthly'),
			addChartCell(hex.fake.state, projectId, 'churn: weekly/monthly'),
		];
		const run = completedRun(projectId);
		const cellTypes = new Set(cellsOf(hex.fake.state, projectId).map((cell) => cell.cellType));
		expect([...cellTypes]).toEqual(expect.arrayContaining(['MARKDOWN', 'SQL', 'CODE']));

		const result = await getChartImages(projectId, run.runId, { binaryPropertyName: 'chart' });

		expect(result.error).toBeUndefined();
		const listed = hex.fake.requests.filter((request) => request.operationId === 'ListCells');
		expect(listed).toHaveLength(2);
		expect(listed[1].query).toEqual({ projectId, limit: '100', after: expect.any(String) });
		// One image request per chart, none for any other cell.
		expect(imageRequests().map((request) => request.path)).toEqual(
			chartsOf(projectId).map((chart) => imagePath(projectId, run.runId, chart.staticId)),
		);
		expect(result.items.map((item) => item.json.staticId)).toEqual(
			chartsOf(projectId).map((chart) => chart.staticId),
		);
		expect(result.items.every((item) => Object.keys(item.binary ?? {}).join() === 'chart')).toBe(
			true,
		);
		// File systems refuse ':' and '/'; a second chart of the same label gets its own name.
		expect(result.items.slice(-2).map((item) => item.binary?.chart.fileName)).toEqual([
			'Churn weekly monthly.png',
			'churn weekly monthly (2).png',
		]);
		expect(result.items.slice(-2).map((item) => item.json.cellId)).toEqual(
			twins.map((twin) => twin.id),
		);
	});

	test('Label Contains keeps the charts whose label contains the text, ignoring case', async () => {
		const { id: projectId } = project(2);
		const weekly = addChartCell(hex.fake.state, projectId, 'Weekly REVENUE');
		addChartCell(hex.fake.state, projectId, 'Churn');
		addChartCell(hex.fake.state, projectId, null);
		const run = completedRun(projectId);
		const revenue = chartsOf(projectId).find((chart) => chart.label === 'Revenue by customer');

		const result = await getChartImages(projectId, run.runId, {
			filters: { labelContains: ' revenue ' },
		});

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.label)).toEqual([
			'Revenue by customer',
			'Weekly REVENUE',
		]);
		expect(imageRequests().map((request) => request.path)).toEqual([
			imagePath(projectId, run.runId, revenue?.staticId ?? ''),
			imagePath(projectId, run.runId, weekly.staticId),
		]);
	});

	test('a chart added to the draft after the run is skipped and listed on every item, not failed', async () => {
		const { id: projectId } = project(3);
		const run = completedRun(projectId);
		const added = addChartCell(hex.fake.state, projectId, 'Added after the run');
		markCellAddedAfter(hex.fake.state, added.id, run);
		const inRun = chartsOf(projectId).filter((chart) => chart.id !== added.id);

		const result = await getChartImages(projectId, run.runId);

		expect(result.error).toBeUndefined();
		// Asked for, answered 404, skipped.
		expect(imageRequests().map((request) => request.path)).toContain(
			imagePath(projectId, run.runId, added.staticId),
		);
		expect(result.items.map((item) => item.json.staticId)).toEqual(
			inRun.map((chart) => chart.staticId),
		);
		expect(result.items.map((item) => item.json.skippedCharts)).toEqual(
			inRun.map(() => [asSkipped(added)]),
		);
		// A later run of a version that has the chart renders it.
		const later = completedRun(projectId);
		later.projectVersion = String(Number(run.projectVersion) + 1);
		hex.fake.reset();
		const again = await getChartImages(projectId, later.runId);
		expect(again.items.map((item) => item.json.staticId)).toContain(added.staticId);
	});

	test('a 429 on an image (Hex’s 20 a minute) is waited out as Retry-After says, then retried', async () => {
		const pause = jest.spyOn(clock, 'pause').mockResolvedValue(undefined);
		const { id: projectId } = project(4);
		addChartCell(hex.fake.state, projectId, 'Second chart');
		const run = completedRun(projectId);
		const charts = chartsOf(projectId);
		hex.fake.injectFault({
			operationId: 'GetChartImageFromRun',
			status: 429,
			headers: { 'retry-after': '7' },
			skip: 1,
		});

		const result = await getChartImages(projectId, run.runId);

		expect(result.error).toBeUndefined();
		expect(pause).toHaveBeenCalledTimes(1);
		expect(pause.mock.calls[0][0]).toBe(7000);
		// The second chart was asked for twice; every chart came out.
		const paths = imageRequests().map((request) => request.path);
		const second = imagePath(projectId, run.runId, charts[1].staticId);
		expect(paths.filter((path) => path === second)).toHaveLength(2);
		expect(paths).toHaveLength(charts.length + 1);
		expect(result.items.map((item) => bytesOf(item))).toEqual(
			charts.map((chart) => chartPng(chart.staticId, run.runId)),
		);
	});

	test('only a 404 skips a chart: any other error of an image fails the item', async () => {
		const { id: projectId } = project(0);
		const run = completedRun(projectId);
		hex.fake.injectFault({ operationId: 'GetChartImageFromRun', status: 403 });
		const result = await getChartImages(projectId, run.runId);
		expect(result.error?.message).toMatch(/^Hex API error 403\b/);
		expect(result.items).toEqual([]);
		expect(imageRequests()).toHaveLength(1);
	});

	test('sends size and title with every image request', async () => {
		const { id: projectId } = project(0);
		const run = completedRun(projectId);
		const result = await getChartImages(projectId, run.runId, {
			options: { width: 1200, height: 800, includeTitle: false },
		});
		expect(result.error).toBeUndefined();
		expect(imageRequests().length).toBeGreaterThan(0);
		expect(imageRequests().map((request) => request.query)).toEqual(
			imageRequests().map(() => ({ width: '1200', height: '800', includeTitle: 'false' })),
		);
	});

	test('outputs no item when no chart matches, asking for no image', async () => {
		const { id: projectId } = project(0);
		const run = completedRun(projectId);
		const result = await getChartImages(projectId, run.runId, {
			filters: { labelContains: 'no chart is called this' },
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([]);
		expect(imageRequests()).toEqual([]);
	});

	test.each([
		['RUNNING', /Wait for the run first/],
		['ERRORED', /ended without completing/],
	] as const)(
		'a run with status %s fails the item after its status, asking for nothing else',
		async (status, advice) => {
			const { id: projectId } = project(0);
			const run = hex.fake.state.addRun(projectId, { status });
			const result = await getChartImages(projectId, run.runId);
			expect(result.error?.message).toBe(
				`The run has not completed (status ${status}), so it has no chart images`,
			);
			expect(result.error?.description).toMatch(advice);
			expect(result.error?.description).toContain(run.runUrl);
			expect(hex.sent().map((request) => request.path)).toEqual([runPath(projectId, run.runId)]);
		},
	);

	test('an unknown run fails with Hex’s 404, not as a run without charts', async () => {
		const { id: projectId } = project(0);
		const result = await getChartImages(projectId, '0f1e2d3c-4b5a-4978-8796-a5b4c3d2e1f0');
		expect(result.error?.message).toMatch(/^Hex API error 404\b/);
		expect(hex.sent()).toHaveLength(1);
	});

	test('refuses a width without a height, and a run ID that is not a Hex ID, sending nothing', async () => {
		const { id: projectId } = project(0);
		const run = completedRun(projectId);
		await hex.refuses(
			{
				resource: 'run',
				operation: 'getChartImages',
				runProjectId: locator(projectId),
				runId: run.runId,
				options: { width: 640 },
			},
			'The "Height (Pixels)" option is missing',
		);
		await hex.refuses(
			{
				resource: 'run',
				operation: 'getChartImages',
				runProjectId: locator(projectId),
				runId: '42',
			},
			'The "Run ID" parameter is not a Hex ID (a UUID): "42"',
		);
	});
});
