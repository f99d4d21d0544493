import type { INodeProperties } from 'n8n-workflow';

import { hexIdLocator, projectLocator } from '../../shared/descriptions';
import { cursorPagination, pagedGet, returnAllAndLimit } from '../../shared/pagination';
import { CELL_PROJECT_ID, PICKER_PROJECT_ID } from './cellLocator';
import { cellOutputItems, deletedCell } from './cellOutput';
import { chartImageFields, chartImageQuery, chartImageToBinary } from './chartImage';
import { createFields } from './create';
import { getOutputFields } from './getOutput';
import { updateFields } from './update';
import { buildCreateCellBody, buildUpdateCellBody, projectIdInQuery } from './cellRequest';

const showOnlyForCells = { resource: ['cell'] };
const showForOneCell = {
	...showOnlyForCells,
	operation: ['get', 'update', 'delete', 'getOutput', 'getChartImage'],
};

export const cellDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForCells },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a cell',
				description: "Add a code, SQL or Markdown cell to a project's draft",
				routing: {
					request: { method: 'POST', url: '/v1/cells' },
					send: { preSend: [buildCreateCellBody] },
				},
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a cell',
				description: "Delete a cell from a project's draft",
				routing: {
					request: { method: 'DELETE', url: '/v1/cells/{cellId}' },
					output: { postReceive: [deletedCell] },
				},
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a cell',
				description: 'Get a cell of a draft notebook by ID',
				routing: { request: { method: 'GET', url: '/v1/cells/{cellId}' } },
			},
			{
				name: 'Get Chart Image',
				value: 'getChartImage',
				action: 'Get a chart image of a cell',
				description: 'Render a chart cell of the draft notebook as an image (binary)',
				routing: {
					request: { method: 'GET', url: '/v1/cells/{cellId}/image' },
					send: { preSend: [chartImageQuery] },
					output: { postReceive: [chartImageToBinary] },
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many cells',
				description: "List the cells of a project's draft",
				routing: pagedGet('/v1/cells', cursorPagination('values', 100), {
					preSend: [projectIdInQuery],
				}),
			},
			{
				name: 'Get Output',
				value: 'getOutput',
				action: 'Get the output of a cell',
				description:
					'Get the latest result of a SQL cell in the draft notebook session (an unstable Hex API)',
				routing: {
					request: { method: 'GET', url: '/v1/cells/{cellId}/output' },
					output: { postReceive: [cellOutputItems] },
				},
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a cell',
				description: 'Change the source, output dataframe or data connection of a cell',
				routing: {
					request: { method: 'PATCH', url: '/v1/cells/{cellId}' },
					send: { preSend: [buildUpdateCellBody] },
				},
			},
		],
		default: 'getAll',
	},
	projectLocator(
		{ ...showOnlyForCells, operation: ['getAll', 'create'] },
		'The project whose draft notebook holds the cells. Pick it, paste its link, or enter its ID.',
		CELL_PROJECT_ID,
	),
	...returnAllAndLimit('cell', 'getAll'),
	// Cell IDs are unique across projects, so Hex does not need the project; the Cell picker does
	// (Hex lists cells per project).
	{
		...projectLocator(
			showForOneCell,
			'Only used to list its cells in the Cell field below (From List); not sent to Hex',
			PICKER_PROJECT_ID,
		),
		required: false,
	},
	hexIdLocator({
		displayName: 'Cell',
		name: 'cellId',
		description:
			'The cell. Pick it from the cells of the project above, or enter its ID (Get Output and Get Chart Image also take its static ID).',
		show: showForOneCell,
		searchListMethod: 'searchCells',
	}),
	...createFields,
	...updateFields,
	...getOutputFields,
	...chartImageFields({ ...showOnlyForCells, operation: ['getChartImage'] }),
];
