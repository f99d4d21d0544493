import type { SemanticProject } from '../../../../fake-hex/routes/semantic';
import { INGEST_ZIP_FIELD, semanticProjectsOf } from '../../../../fake-hex/routes/semantic';
import {
	binaryItem,
	SEMANTIC_PROJECT_FILES,
	zipOf,
} from '../../../../support/cases/semanticProject';
import type { HexTestbed } from '../../../../support/hex';
import { expectedRequest, json, startTestbed } from '../../../../support/hex';

describe('Semantic Project resource (engine)', () => {
	let hex: HexTestbed;
	let project: SemanticProject;

	beforeAll(async () => {
		hex = await startTestbed({ users: 20, projects: 5, dataConnections: 2 });
	});
	afterAll(async () => await hex.fake.close());
	beforeEach(() => {
		hex.fake.reset();
		project = semanticProjectsOf(hex.fake.state)[0];
	});
	afterEach(() => expect(hex.fake.internalErrors).toEqual([]));

	const zip = zipOf(SEMANTIC_PROJECT_FILES);
	const ingestPath = () => `/api/v1/semantic-projects/${project.id}/ingest`;
	const names = (objects: Array<{ name: string }>) => objects.map((object) => object.name);

	describe('Ingest', () => {
		test('sends the zip as a multipart file part and the flags as form fields', async () => {
			const run = await hex.run(
				{
					resource: 'semanticProject',
					operation: 'ingest',
					semanticProjectId: project.id,
					options: { verbose: true, debug: false, dryRun: false },
				},
				{ inputItems: [binaryItem(zip)] },
			);
			expect(run.error).toBeUndefined();
			expect(hex.sent()).toEqual([
				expectedRequest(hex, {
					method: 'POST',
					path: ingestPath(),
					body: {
						fields: { dryRun: 'false', verbose: 'true', debug: 'false' },
						files: [
							{
								field: INGEST_ZIP_FIELD,
								name: 'finance.zip',
								type: 'application/zip',
								size: zip.length,
							},
						],
					},
				}),
			]);
			expect(hex.fake.requests[0].headers['content-type']).toMatch(
				/^multipart\/form-data; boundary=/,
			);
			expect(json(run)).toEqual([
				{
					traceId: expect.any(String),
					contents: ['datasets/orders.yml', 'datasets/refunds.yml', 'views/revenue.yaml'],
					warnings: ['Skipped README.md: not YAML'],
				},
			]);
			// The fake read the archive itself: its datasets and views are now the project's.
			expect(names(project.datasets)).toEqual(['orders', 'refunds']);
			expect(names(project.views)).toEqual(['revenue']);
			expect(project.ingests).toBe(1);
		});

		test('a dry run with debug and without verbose changes nothing; only set flags are sent', async () => {
			const before = JSON.stringify(project);
			const run = await hex.run(
				{
					resource: 'semanticProject',
					operation: 'ingest',
					semanticProjectId: project.id,
					binaryPropertyName: 'model',
					options: { dryRun: true, debug: true, verbose: false, zipFieldName: INGEST_ZIP_FIELD },
				},
				{ inputItems: [binaryItem(zip, 'model.zip', 'model')] },
			);
			expect(run.error).toBeUndefined();
			expect(hex.sent()[0].body).toEqual({
				fields: { dryRun: 'true', verbose: 'false', debug: 'true' },
				files: [expect.objectContaining({ field: INGEST_ZIP_FIELD, name: 'model.zip' })],
			});
			expect(json(run)).toEqual([
				expect.objectContaining({ contents: [], debug: { metricflowModelSchemas: {} } }),
			]);
			expect(JSON.stringify(project)).toBe(before);

			await hex.run(
				{ resource: 'semanticProject', operation: 'ingest', semanticProjectId: project.id },
				{ inputItems: [binaryItem(zip)] },
			);
			expect((hex.sent()[1].body as { fields: unknown }).fields).toEqual({});
		});

		test('a 429 is retried with the whole zip sent again', async () => {
			hex.fake.injectFault({ operationId: 'IngestSemanticProject', status: 429 });
			const run = await hex.run(
				{
					resource: 'semanticProject',
					operation: 'ingest',
					semanticProjectId: project.id,
					options: { dryRun: true },
				},
				{ inputItems: [binaryItem(zip)] },
			);
			expect(run.error).toBeUndefined();
			const bodies = hex.sent().map((request) => request.body);
			expect(bodies).toHaveLength(2);
			expect(bodies[1]).toEqual(bodies[0]);
			expect(bodies[1]).toEqual(
				expect.objectContaining({ files: [expect.objectContaining({ size: zip.length })] }),
			);
		});

		test('each input item ingests its own zip', async () => {
			const other = zipOf({ 'datasets/leads.yml': 'name: leads\n' });
			const run = await hex.run(
				{
					resource: 'semanticProject',
					operation: 'ingest',
					semanticProjectId: project.id,
					options: { dryRun: true },
				},
				{ inputItems: [binaryItem(zip), binaryItem(other, 'leads.zip')] },
			);
			expect(run.error).toBeUndefined();
			expect(json(run).map((item) => (item as { contents: string[] }).contents)).toEqual([
				['datasets/orders.yml', 'datasets/refunds.yml', 'views/revenue.yaml'],
				['datasets/leads.yml'],
			]);
		});

		test.each([
			[
				'an item without that binary field',
				[{ json: {} }],
				'data',
				/^The input item has no binary field "data" \(Input Binary Field\)/,
			],
			[
				'another binary field',
				[binaryItem(zip, 'finance.zip', 'file')],
				'data',
				/^The input item has no binary field "data"/,
			],
			[
				'a file that is not a zip',
				[binaryItem(Buffer.from('name: orders\n'), 'orders.yml', 'data', 'application/yaml')],
				'data',
				/^The binary field "data" \(Input Binary Field\) is not a zip file/,
			],
		])('%s is refused before sending', async (_label, inputItems, field, message) => {
			const run = await hex.run(
				{
					resource: 'semanticProject',
					operation: 'ingest',
					semanticProjectId: project.id,
					binaryPropertyName: field,
				},
				{ inputItems },
			);
			expect(run.error?.message).toMatch(message);
			expect(run.error?.description).toMatch(/Nothing was sent to Hex\.$/);
			expect(hex.sent()).toEqual([]);
		});

		test('a semantic project ID that is not a UUID is refused before sending', async () => {
			const run = await hex.run(
				{ resource: 'semanticProject', operation: 'ingest', semanticProjectId: 'Finance' },
				{ inputItems: [binaryItem(zip)] },
			);
			expect(run.error?.message).toBe(
				'The "Semantic Project" parameter is not a Hex ID (a UUID): "Finance"',
			);
			expect(hex.sent()).toEqual([]);
		});

		test('a zip without YAML files is Hex’s 400', async () => {
			const run = await hex.run(
				{ resource: 'semanticProject', operation: 'ingest', semanticProjectId: project.id },
				{ inputItems: [binaryItem(zipOf({ 'notes.txt': 'hello' }))] },
			);
			expect(run.error?.message).toMatch(
				/^Hex API error 400: The zip holds no semantic project files/,
			);
		});
	});

	describe('Update', () => {
		test('sets and removes statuses of datasets and views in one request', async () => {
			const status = hex.fake.state.statuses[1];
			const [dataset] = project.datasets;
			const [view] = project.views;
			view.status = hex.fake.state.statuses[0];
			const run = await hex.run({
				resource: 'semanticProject',
				operation: 'update',
				semanticProjectId: project.id,
				semanticUpdates: {
					update: [
						{ type: 'DATASET', name: ` ${dataset.name} `, statusAction: 'set', status },
						{ type: 'VIEW', name: view.name, statusAction: 'remove', status: 'ignored' },
					],
				},
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()).toEqual([
				expectedRequest(hex, {
					method: 'PATCH',
					path: `/api/v1/semantic-projects/${project.id}`,
					body: {
						updates: [
							{ type: 'DATASET', name: dataset.name, status },
							{ type: 'VIEW', name: view.name, status: null },
						],
					},
				}),
			]);
			expect(json(run)).toEqual([
				{
					updated: {
						datasets: [{ name: dataset.name, status }],
						views: [{ name: view.name, status: null }],
					},
				},
			]);
			expect(dataset.status).toBe(status);
			expect(view.status).toBeNull();
		});

		test('one failing update fails all (atomic) and the error lists each failure', async () => {
			const before = JSON.stringify(project);
			const run = await hex.run({
				resource: 'semanticProject',
				operation: 'update',
				semanticProjectId: project.id,
				semanticUpdates: {
					update: [
						{
							type: 'DATASET',
							name: project.datasets[0].name,
							statusAction: 'set',
							status: hex.fake.state.statuses[0],
						},
						{ type: 'VIEW', name: 'nope', statusAction: 'remove' },
						{
							type: 'DATASET',
							name: project.datasets[1].name,
							statusAction: 'set',
							status: 'Not A Status',
						},
					],
				},
			});
			expect(run.error?.message).toBe('Hex API error 400: Some updates failed validation');
			expect(run.error?.description).toContain('- VIEW nope: not_found');
			expect(run.error?.description).toContain(
				`- DATASET ${project.datasets[1].name}: invalid_status`,
			);
			expect(JSON.stringify(project)).toBe(before);
		});

		test.each([
			[{ update: [] }, /^No updates given/],
			[
				{ update: [{ type: 'DATASET', name: '={{ "" }}', statusAction: 'set', status: 'x' }] },
				/^Update 1 has no "Name"/,
			],
			[
				{ update: [{ type: 'VIEW', name: 'revenue', statusAction: 'set', status: '' }] },
				/^Update 1 \(revenue\): "Status" is empty/,
			],
			[
				{
					update: [
						{ type: 'VIEW', name: 'revenue', statusAction: 'remove' },
						{ type: 'VIEW', name: 'revenue', statusAction: 'set', status: 'x' },
					],
				},
				/^Update 2: view "revenue" is given twice/,
			],
		])('updates %j are refused before sending', async (updates, message) => {
			const run = await hex.run({
				resource: 'semanticProject',
				operation: 'update',
				semanticProjectId: project.id,
				semanticUpdates: updates,
			});
			expect(run.error?.message).toMatch(message);
			expect(hex.sent()).toEqual([]);
		});
	});
});
