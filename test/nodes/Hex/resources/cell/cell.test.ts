import { searchCells } from '../../../../../nodes/Hex/listSearch';
import {
	addCells,
	CHART_PNG_BASE64,
	cellsOf,
	firstCellOfType,
	setCellOutput,
} from '../../../../fake-hex/routes/cells';
import type { Cell } from '../../../../fake-hex/routes/cells';
import { hexLoadOptionsContext } from '../../../../harness/engine';
import type { HexTestbed } from '../../../../support/hex';
import { expectedRequest, json, locator, startTestbed } from '../../../../support/hex';

/** A value that reaches the node through an expression (n8n checks only typed-in values). */
const fromExpression = (value: string) => locator(`={{ ${JSON.stringify(value)} }}`);

describe('Cell resource (engine)', () => {
	let hex: HexTestbed;

	beforeAll(async () => {
		hex = await startTestbed({ users: 50, projects: 12, dataConnections: 3 });
	});
	afterAll(async () => await hex.fake.close());
	beforeEach(() => hex.fake.reset());
	afterEach(() => expect(hex.fake.internalErrors).toEqual([]));

	// Project 0 gets many cells (pagination), 1 is read, 2 is changed by Create/Update/Delete.
	const listed = () => hex.fake.state.projects[0];
	const read = () => hex.fake.state.projects[1];
	const edited = () => hex.fake.state.projects[2];
	const connection = () => hex.fake.state.dataConnections[0];
	const cellPath = (id: string) => `/api/v1/cells/${id}`;

	describe('Get Many', () => {
		test('Return All walks every page of the project’s cells, 100 at a time', async () => {
			addCells(hex.fake.state, listed().id, 150);
			const cells = cellsOf(hex.fake.state, listed().id);
			const run = await hex.run({
				resource: 'cell',
				operation: 'getAll',
				cellProjectId: locator(listed().id),
				returnAll: true,
			});
			expect(run.error).toBeUndefined();
			expect(json(run)).toEqual(cells);
			const sent = hex.sent();
			expect(sent).toHaveLength(Math.ceil(cells.length / 100));
			expect(sent[0]).toEqual(
				expectedRequest(hex, {
					method: 'GET',
					path: '/api/v1/cells',
					query: { projectId: listed().id, limit: '100' },
				}),
			);
			expect(sent[1]).toEqual(
				expectedRequest(hex, {
					method: 'GET',
					path: '/api/v1/cells',
					query: { projectId: listed().id, limit: '100', after: expect.any(String) },
				}),
			);
		});

		test('Limit asks for no more than needed and accepts a project link', async () => {
			const link = `https://app.hex.tech/fake-org/hex/${read().id}/draft/logic`;
			const run = await hex.run({
				resource: 'cell',
				operation: 'getAll',
				cellProjectId: locator(link, 'url'),
				limit: 3,
			});
			expect(run.error).toBeUndefined();
			expect(json(run)).toEqual(cellsOf(hex.fake.state, read().id).slice(0, 3));
			expect(hex.sent()).toEqual([
				expectedRequest(hex, {
					method: 'GET',
					path: '/api/v1/cells',
					query: { projectId: read().id, limit: '3' },
				}),
			]);
		});

		test('refuses a project that is not a Hex ID, sending nothing', async () => {
			await hex.refuses(
				{
					resource: 'cell',
					operation: 'getAll',
					cellProjectId: fromExpression('revenue-report'),
					returnAll: true,
				},
				'The "Project" parameter is not a Hex ID (a UUID): "revenue-report"',
			);
		});
	});

	describe('Get', () => {
		test('gets one cell by ID', async () => {
			const cell = firstCellOfType(hex.fake.state, read().id, 'SQL');
			const run = await hex.run({
				resource: 'cell',
				operation: 'get',
				cellId: locator(cell.id),
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()).toEqual([
				expectedRequest(hex, { method: 'GET', path: cellPath(cell.id) }),
			]);
			expect(json(run)).toEqual([cell]);
		});

		test('refuses an empty cell, sending nothing', async () => {
			await hex.refuses(
				{
					resource: 'cell',
					operation: 'get',
					cellId: fromExpression('  '),
				},
				'The "Cell" parameter is empty',
			);
		});
	});

	describe('Create', () => {
		test('creates a SQL cell on a data connection inside a section, first', async () => {
			const cells = cellsOf(hex.fake.state, edited().id);
			const section = firstCellOfType(hex.fake.state, edited().id, 'CELL_GROUP');
			const run = await hex.run({
				resource: 'cell',
				operation: 'create',
				cellProjectId: locator(edited().id),
				cellType: 'SQL',
				source: 'select * from orders',
				sqlSource: 'connection',
				sqlDataConnectionId: locator(connection().id),
				cellAdditionalFields: {
					label: ' Orders ',
					outputDataframe: 'orders_df',
					parentCellId: section.id,
					childPosition: 'FIRST',
				},
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()).toEqual([
				expectedRequest(hex, {
					method: 'POST',
					path: '/api/v1/cells',
					body: {
						projectId: edited().id,
						cellType: 'SQL',
						label: 'Orders',
						contents: {
							sqlCell: {
								source: 'select * from orders',
								dataConnectionId: connection().id,
								outputDataframe: 'orders_df',
							},
						},
						location: { parentCellId: section.id, childPosition: 'FIRST' },
					},
				}),
			]);
			const [created] = json(run) as Cell[];
			expect(created).toEqual({
				id: expect.any(String),
				staticId: expect.any(String),
				cellType: 'SQL',
				label: 'Orders',
				dataConnectionId: connection().id,
				contents: {
					codeCell: null,
					sqlCell: { source: 'select * from orders', outputDataframe: 'orders_df' },
					markdownCell: null,
				},
				projectId: edited().id,
			});
			expect(cells[cells.indexOf(section) + 1].id).toBe(created.id);
		});

		test('creates a dataframe SQL cell: no data connection is sent', async () => {
			const run = await hex.run({
				resource: 'cell',
				operation: 'create',
				cellProjectId: locator(edited().id),
				cellType: 'SQL',
				source: 'select * from dataframe_1',
				sqlSource: 'dataframes',
				sqlDataConnectionId: locator(connection().id),
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()[0].body).toEqual({
				projectId: edited().id,
				cellType: 'SQL',
				contents: { sqlCell: { source: 'select * from dataframe_1', isDataframeSql: true } },
			});
			expect(json(run)).toEqual([
				expect.objectContaining({
					dataConnectionId: null,
					contents: expect.objectContaining({
						sqlCell: { source: 'select * from dataframe_1', outputDataframe: expect.any(String) },
					}),
				}),
			]);
		});

		test('creates a code cell after another cell, without SQL-only fields', async () => {
			const cells = cellsOf(hex.fake.state, edited().id);
			const after = cells[0];
			const run = await hex.run({
				resource: 'cell',
				operation: 'create',
				cellProjectId: locator(edited().id),
				cellType: 'CODE',
				source: 'print("hi")',
				sqlSource: 'dataframes',
				cellAdditionalFields: { insertAfterCellId: after.id, outputDataframe: 'stale' },
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()[0].body).toEqual({
				projectId: edited().id,
				cellType: 'CODE',
				contents: { codeCell: { source: 'print("hi")' } },
				location: { insertAfterCellId: after.id },
			});
			const [created] = json(run) as Cell[];
			expect(created.contents.codeCell).toEqual({ source: 'print("hi")' });
			expect(cells[1].id).toBe(created.id);
		});

		test('creates a Markdown cell at the end', async () => {
			const run = await hex.run({
				resource: 'cell',
				operation: 'create',
				cellProjectId: locator(edited().id),
				cellType: 'MARKDOWN',
				source: '## Notes',
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()[0].body).toEqual({
				projectId: edited().id,
				cellType: 'MARKDOWN',
				contents: { markdownCell: { source: '## Notes' } },
			});
			const cells = cellsOf(hex.fake.state, edited().id);
			expect(cells[cells.length - 1]).toEqual((json(run) as Cell[])[0]);
		});

		test.each([
			[
				'an insert-after cell that is not a Hex ID',
				{ cellAdditionalFields: { insertAfterCellId: 'cell-7' } },
				'The "Insert After Cell ID" field is not a Hex cell ID: "cell-7"',
			],
			[
				'a child position without a parent cell',
				{ cellAdditionalFields: { childPosition: 'LAST' } },
				'"Child Position" needs a "Parent Cell ID"',
			],
			[
				'a SQL cell without a data connection',
				{
					cellType: 'SQL',
					source: 'select 1',
					sqlSource: 'connection',
					sqlDataConnectionId: fromExpression(''),
				},
				'The "Data Connection" parameter is empty',
			],
		])('refuses %s, sending nothing', async (_case, fields, message) => {
			await hex.refuses(
				{
					resource: 'cell',
					operation: 'create',
					cellProjectId: locator(edited().id),
					cellType: 'CODE',
					source: 'x = 1',
					...fields,
				},
				message,
			);
		});
	});

	describe('Update', () => {
		test('changes the SQL, the output dataframe and the data connection', async () => {
			const cell = firstCellOfType(hex.fake.state, edited().id, 'SQL');
			const target = hex.fake.state.dataConnections[1];
			const run = await hex.run({
				resource: 'cell',
				operation: 'update',
				cellId: locator(cell.id),
				cellType: 'SQL',
				dataConnectionAction: 'set',
				newDataConnectionId: locator(target.id),
				cellUpdateFields: { source: 'select 2', outputDataframe: ' two ' },
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()).toEqual([
				expectedRequest(hex, {
					method: 'PATCH',
					path: cellPath(cell.id),
					body: {
						contents: { sqlCell: { source: 'select 2', outputDataframe: 'two' } },
						dataConnectionId: target.id,
					},
				}),
			]);
			expect(json(run)).toEqual([
				expect.objectContaining({
					id: cell.id,
					dataConnectionId: target.id,
					contents: expect.objectContaining({
						sqlCell: { source: 'select 2', outputDataframe: 'two' },
					}),
				}),
			]);
		});

		test('detaches the data connection (null) and leaves the source alone', async () => {
			const cell = firstCellOfType(hex.fake.state, edited().id, 'SQL');
			const run = await hex.run({
				resource: 'cell',
				operation: 'update',
				cellId: locator(cell.id),
				cellType: 'SQL',
				dataConnectionAction: 'detach',
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()[0].body).toEqual({ dataConnectionId: null });
			expect(json(run)).toEqual([expect.objectContaining({ dataConnectionId: null })]);
		});

		test('changes the source of a Markdown cell, ignoring SQL-only fields', async () => {
			const cell = firstCellOfType(hex.fake.state, edited().id, 'MARKDOWN');
			const run = await hex.run({
				resource: 'cell',
				operation: 'update',
				cellId: locator(cell.id),
				cellType: 'MARKDOWN',
				dataConnectionAction: 'detach',
				cellUpdateFields: { source: '# New title', outputDataframe: 'stale' },
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()[0].body).toEqual({ contents: { markdownCell: { source: '# New title' } } });
			expect(json(run)).toEqual([
				expect.objectContaining({
					contents: { codeCell: null, sqlCell: null, markdownCell: { source: '# New title' } },
				}),
			]);
		});

		test.each([
			[{}, 'Nothing to update'],
			[{ outputDataframe: 'df' }, '"Output Dataframe" needs "Source" too'],
			[{ source: '  ' }, 'The "Source" field is empty'],
		])('refuses Update Fields %j, sending nothing', async (updateFields, message) => {
			const cell = firstCellOfType(hex.fake.state, edited().id, 'SQL');
			await hex.refuses(
				{
					resource: 'cell',
					operation: 'update',
					cellId: locator(cell.id),
					cellType: 'SQL',
					dataConnectionAction: 'keep',
					cellUpdateFields: updateFields,
				},
				message,
			);
		});

		test('reports Hex’s refusal when the cell type does not match', async () => {
			const cell = firstCellOfType(hex.fake.state, edited().id, 'CODE');
			const run = await hex.run({
				resource: 'cell',
				operation: 'update',
				cellId: locator(cell.id),
				cellType: 'MARKDOWN',
				cellUpdateFields: { source: 'text' },
			});
			expect(run.error?.message).toMatch(
				/^Hex API error 400 BAD_REQUEST: .*send contents\.codeCell/,
			);
		});
	});

	describe('Delete', () => {
		test('deletes the cell and outputs its ID with deleted: true', async () => {
			const [cell] = addCells(hex.fake.state, edited().id, 1);
			const run = await hex.run({
				resource: 'cell',
				operation: 'delete',
				cellId: locator(cell.id),
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()).toEqual([
				expectedRequest(hex, { method: 'DELETE', path: cellPath(cell.id) }),
			]);
			expect(json(run)).toEqual([{ cellId: cell.id, deleted: true }]);
			expect(cellsOf(hex.fake.state, edited().id)).not.toContainEqual(cell);
		});

		test('refuses a cell that is not a Hex ID, sending nothing', async () => {
			await hex.refuses(
				{
					resource: 'cell',
					operation: 'delete',
					cellId: fromExpression('cell 7'),
				},
				'The "Cell" parameter is not a Hex ID (a UUID): "cell 7"',
			);
		});
	});

	describe('Get Output', () => {
		const sqlCell = () => firstCellOfType(hex.fake.state, read().id, 'SQL');

		test('outputs the whole result as one item by default', async () => {
			const run = await hex.run({
				resource: 'cell',
				operation: 'getOutput',
				cellId: locator(sqlCell().id),
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()).toEqual([
				expectedRequest(hex, { method: 'GET', path: `${cellPath(sqlCell().id)}/output` }),
			]);
			const [output] = json(run) as Array<{ result: { rows: unknown[] } }>;
			expect(output).toEqual({
				projectId: read().id,
				runId: expect.any(String),
				cell: { id: sqlCell().id, staticId: sqlCell().staticId, cellType: 'SQL' },
				result: expect.objectContaining({
					type: 'table',
					columns: expect.arrayContaining([{ name: 'customer', type: 'STRING' }]),
					truncated: false,
				}),
			});
			expect(output.result.rows.length).toBeGreaterThanOrEqual(3);
		});

		test('splits the rows into items (by static ID), values as text', async () => {
			const whole = await hex.run({
				resource: 'cell',
				operation: 'getOutput',
				cellId: locator(sqlCell().id),
			});
			const { rows } = (json(whole)[0] as { result: { rows: unknown[] } }).result;
			hex.fake.reset();
			const run = await hex.run({
				resource: 'cell',
				operation: 'getOutput',
				cellId: locator(sqlCell().staticId),
				options: { splitRows: true },
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()[0].path).toBe(`${cellPath(sqlCell().staticId)}/output`);
			expect(json(run)).toEqual(rows);
			expect(Object.keys(json(run)[0] as object)).toEqual([
				'order_id',
				'customer',
				'amount',
				'shipped_at',
			]);
		});

		describe('a cell whose last run failed', () => {
			const failing = () => firstCellOfType(hex.fake.state, edited().id, 'SQL');
			beforeEach(() =>
				setCellOutput(hex.fake.state, failing().id, {
					type: 'cell_run_error',
					message: 'relation "orders" does not exist',
					traceback: 'Traceback (most recent call last):\n  ...',
				}),
			);

			test('fails the item with the cell’s error and traceback', async () => {
				const run = await hex.run({
					resource: 'cell',
					operation: 'getOutput',
					cellId: locator(failing().id),
					options: { splitRows: true },
				});
				expect(run.error?.message).toBe(
					'The cell failed to run in Hex: relation "orders" does not exist',
				);
				expect(run.error?.description).toContain('Traceback (most recent call last):');
			});

			test('is an error item under Continue On Fail', async () => {
				const run = await hex.run(
					{ resource: 'cell', operation: 'getOutput', cellId: locator(failing().id) },
					{ continueOnFail: true },
				);
				expect(run.error).toBeUndefined();
				expect(json(run)).toEqual([
					expect.objectContaining({
						error: 'The cell failed to run in Hex: relation "orders" does not exist',
					}),
				]);
			});

			test('is output as an item with Output Cell Run Errors on', async () => {
				const run = await hex.run({
					resource: 'cell',
					operation: 'getOutput',
					cellId: locator(failing().id),
					options: { outputCellRunErrors: true, splitRows: true },
				});
				expect(run.error).toBeUndefined();
				expect(json(run)).toEqual([
					expect.objectContaining({
						result: {
							type: 'cell_run_error',
							message: 'relation "orders" does not exist',
							traceback: 'Traceback (most recent call last):\n  ...',
						},
					}),
				]);
			});
		});
	});

	describe('Get Chart Image', () => {
		const chart = () => firstCellOfType(hex.fake.state, read().id, 'CHART');

		test('outputs the PNG as binary data, sending size and title', async () => {
			const run = await hex.run({
				resource: 'cell',
				operation: 'getChartImage',
				cellId: locator(chart().id),
				binaryPropertyName: 'chart',
				options: { width: 800, height: 600, includeTitle: false },
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()).toEqual([
				expectedRequest(hex, {
					method: 'GET',
					path: `${cellPath(chart().id)}/image`,
					query: { width: '800', height: '600', includeTitle: 'false' },
				}),
			]);
			const [item] = run.items;
			expect(item.json).toEqual({ cellId: chart().id, mimeType: 'image/png' });
			expect(item.binary?.chart).toEqual(
				expect.objectContaining({
					mimeType: 'image/png',
					fileName: `chart-${chart().id}.png`,
					fileExtension: 'png',
				}),
			);
			expect(item.binary?.chart.data).toBe(CHART_PNG_BASE64);
		});

		test('sends no query without options and accepts a static ID', async () => {
			const run = await hex.run({
				resource: 'cell',
				operation: 'getChartImage',
				cellId: locator(chart().staticId),
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()).toEqual([
				expectedRequest(hex, { method: 'GET', path: `${cellPath(chart().staticId)}/image` }),
			]);
			expect(Object.keys(run.items[0].binary ?? {})).toEqual(['data']);
		});

		test.each([
			[{ width: 800 }, 'The "Height (Pixels)" option is missing'],
			[{ height: 600 }, 'The "Width (Pixels)" option is missing'],
			[
				{ width: 50, height: 600 },
				'The "Width (Pixels)" option must be a whole number from 100 to 2000, got 50',
			],
		])('refuses %j, sending nothing', async (options, message) => {
			await hex.refuses(
				{
					resource: 'cell',
					operation: 'getChartImage',
					cellId: locator(chart().id),
					options,
				},
				message,
			);
		});

		test('reports Hex’s refusal for a cell that is not a chart', async () => {
			const run = await hex.run({
				resource: 'cell',
				operation: 'getChartImage',
				cellId: locator(firstCellOfType(hex.fake.state, read().id, 'SQL').id),
			});
			expect(run.error?.message).toMatch(/^Hex API error 400 BAD_REQUEST: .*only chart cells/);
		});
	});

	describe('Cell picker', () => {
		test('lists the cells of the project in the Project field, by label or source', async () => {
			const cells = cellsOf(hex.fake.state, read().id);
			const context = hexLoadOptionsContext(hex.credentials, {
				resource: 'cell',
				operation: 'get',
				pickerProjectId: locator(read().id),
			});
			const page = await searchCells.call(context);
			expect(page.results).toHaveLength(cells.length);
			expect(page.results[0]).toEqual({
				name: `# ${read().title} (MARKDOWN)`,
				value: cells[0].id,
			});
			const sql = firstCellOfType(hex.fake.state, read().id, 'SQL');
			expect(page.results).toContainEqual({ name: 'Orders (SQL)', value: sql.id });
			expect(hex.fake.requests).toEqual([
				expect.objectContaining({
					path: '/api/v1/cells',
					query: { projectId: read().id, limit: '100' },
				}),
			]);
			const filtered = await searchCells.call(context, 'orders');
			expect(filtered.results).toContainEqual({ name: 'Orders (SQL)', value: sql.id });
			expect(filtered.results.every((item) => /orders/i.test(`${item.name} ${item.value}`))).toBe(
				true,
			);
		});

		test('without a project, shows a hint instead of calling Hex', async () => {
			const context = hexLoadOptionsContext(hex.credentials, {
				resource: 'cell',
				operation: 'get',
				pickerProjectId: locator('', 'list'),
			});
			const page = await searchCells.call(context);
			expect(page.results).toEqual([
				{ name: expect.stringMatching(/^Choose a Project First/), value: '' },
			]);
			expect(hex.fake.requests).toEqual([]);
		});
	});
});
