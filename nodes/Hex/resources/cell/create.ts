import type { INodeProperties } from 'n8n-workflow';

import { dataConnectionLocator } from '../../shared/descriptions';
import { SQL_DATA_CONNECTION_ID } from './cellLocator';
import { cellTypeField } from './cellType';

const show = { resource: ['cell'], operation: ['create'] };
const showForSql = { ...show, cellType: ['SQL'] };

export const createFields: INodeProperties[] = [
	cellTypeField(show, 'The type of the new cell'),
	{
		displayName: 'Source',
		name: 'source',
		type: 'string',
		typeOptions: { rows: 6 },
		required: true,
		default: '',
		placeholder: 'e.g. select * from orders limit 100',
		description: 'The SQL query, Python code or Markdown text of the cell',
		displayOptions: { show },
	},
	{
		displayName: 'SQL Runs On',
		name: 'sqlSource',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showForSql },
		options: [
			{
				name: 'Data Connection',
				value: 'connection',
				description: 'Query a warehouse or database connection',
			},
			{
				name: 'Dataframes (Dataframe SQL)',
				value: 'dataframes',
				description: 'Query the results of other cells of the project',
			},
			{
				name: 'Not Set',
				value: 'none',
				description: 'Send neither; set the connection later with Update',
			},
		],
		default: 'connection',
	},
	{
		...dataConnectionLocator({ ...showForSql, sqlSource: ['connection'] }),
		name: SQL_DATA_CONNECTION_ID,
		description:
			'The data connection the SQL runs on. Pick it, paste a Hex link that contains its ID, or enter its ID.',
	},
	{
		displayName: 'Additional Fields',
		name: 'cellAdditionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Child Position',
				name: 'childPosition',
				type: 'options',
				options: [
					{ name: 'First', value: 'FIRST' },
					{ name: 'Last', value: 'LAST' },
				],
				default: 'LAST',
				description: 'Where to put the cell inside the parent section (needs Parent Cell ID)',
			},
			{
				displayName: 'Insert After Cell ID',
				name: 'insertAfterCellId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c',
				description:
					'Put the new cell right after this cell of the same project; without a position the cell is appended at the end',
			},
			{
				displayName: 'Label',
				name: 'label',
				type: 'string',
				default: '',
				placeholder: 'e.g. Revenue by month',
				description: 'A label for the cell',
			},
			{
				displayName: 'Output Dataframe',
				name: 'outputDataframe',
				type: 'string',
				default: '',
				placeholder: 'e.g. revenue_by_month',
				description:
					'Name of the dataframe the SQL result is stored in (SQL cells); Hex generates one when empty',
				displayOptions: { show: { '/cellType': ['SQL'] } },
			},
			{
				displayName: 'Parent Cell ID',
				name: 'parentCellId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c',
				description: 'Put the new cell inside this section (parent) cell',
			},
		],
	},
];
