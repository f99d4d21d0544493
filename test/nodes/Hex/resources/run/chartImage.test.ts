import { chartPng } from '../../../../fake-hex/png';
import { firstCellOfType } from '../../../../fake-hex/routes/cells';
import type { HexTestbed } from '../../../../support/hex';
import { expectedRequest, json, locator, startTestbed } from '../../../../support/hex';

describe('Run → Get Chart Image (engine)', () => {
	let hex: HexTestbed;

	beforeAll(async () => {
		hex = await startTestbed({ users: 20, projects: 5, dataConnections: 2 });
	});
	afterAll(async () => await hex.fake.close());
	beforeEach(() => hex.fake.reset());
	afterEach(() => expect(hex.fake.internalErrors).toEqual([]));

	const project = () => hex.fake.state.projects[0];
	const chart = () => firstCellOfType(hex.fake.state, project().id, 'CHART');
	const completedRun = () => hex.fake.state.addRun(project().id, { status: 'COMPLETED' });
	const imagePath = (runId: string, staticId: string) =>
		`/api/v1/projects/${project().id}/runs/${runId}/cells/${staticId}/image`;

	test('outputs the chart of a completed run as binary data, sending size and title', async () => {
		const run = completedRun();
		const result = await hex.run({
			resource: 'run',
			operation: 'getChartImage',
			runProjectId: locator(project().id),
			runId: run.runId,
			staticId: chart().staticId,
			binaryPropertyName: 'chart',
			options: { width: 1200, height: 800, includeTitle: true },
		});
		expect(result.error).toBeUndefined();
		expect(hex.sent()).toEqual([
			expectedRequest(hex, {
				method: 'GET',
				path: imagePath(run.runId, chart().staticId),
				query: { width: '1200', height: '800', includeTitle: 'true' },
			}),
		]);
		expect(json(result)).toEqual([
			{
				projectId: project().id,
				runId: run.runId,
				staticId: chart().staticId,
				mimeType: 'image/png',
			},
		]);
		const binary = result.items[0].binary?.chart;
		expect(binary).toEqual(
			expect.objectContaining({
				mimeType: 'image/png',
				fileName: `chart-${chart().staticId}.png`,
				fileExtension: 'png',
			}),
		);
		expect(binary?.data).toBe(chartPng(chart().staticId, run.runId).toString('base64'));
		// A real PNG: the signature survives the base64 round trip.
		expect(Buffer.from(binary?.data ?? '', 'base64').subarray(0, 8)).toEqual(
			Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		);
	});

	test('sends no query without options and trims pasted IDs', async () => {
		const run = completedRun();
		const result = await hex.run({
			resource: 'run',
			operation: 'getChartImage',
			runProjectId: locator(project().id),
			runId: ` ${run.runId} `,
			staticId: ` ${chart().staticId}\n`,
		});
		expect(result.error).toBeUndefined();
		expect(hex.sent()).toEqual([
			expectedRequest(hex, { method: 'GET', path: imagePath(run.runId, chart().staticId) }),
		]);
		expect(Object.keys(result.items[0].binary ?? {})).toEqual(['data']);
	});

	test('refuses a static ID that is not a Hex ID, sending nothing', async () => {
		await hex.refuses(
			{
				resource: 'run',
				operation: 'getChartImage',
				runProjectId: locator(project().id),
				runId: completedRun().runId,
				staticId: 'Revenue chart',
			},
			'The "Cell Static ID" parameter is not a Hex ID (a UUID): "Revenue chart"',
		);
	});

	test('refuses a width without a height, sending nothing', async () => {
		await hex.refuses(
			{
				resource: 'run',
				operation: 'getChartImage',
				runProjectId: locator(project().id),
				runId: completedRun().runId,
				staticId: chart().staticId,
				options: { width: 640 },
			},
			'The "Height (Pixels)" option is missing',
		);
	});

	test('reports Hex’s refusal for a run that did not complete', async () => {
		const failed = hex.fake.state.addRun(project().id, { status: 'ERRORED' });
		const result = await hex.run({
			resource: 'run',
			operation: 'getChartImage',
			runProjectId: locator(project().id),
			runId: failed.runId,
			staticId: chart().staticId,
		});
		expect(result.error?.message).toMatch(/^Hex API error 400 BAD_REQUEST: .*completed run/);
		expect(hex.sent()).toHaveLength(1);
	});
});
