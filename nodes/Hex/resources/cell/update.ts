import type { INodeProperties } from 'n8n-workflow';

import { dataConnectionLocator } from '../../shared/descriptions';
import { NEW_DATA_CONNECTION_ID } from './cellLocator';
import { cellTypeField } from './cellType';

const show = { resource: ['cell'], operation: ['update'] };
const showForSql = { ...show, cellType: ['SQL'] };

export const updateFields: INodeProperties[] = [
	cellTypeField(show, 'The type of the cell (Hex takes the new source under the matching key)'),
	{
		displayName: 'Data Connection Action',
		name: 'dataConnectionAction',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showForSql },
		options: [
			{ name: 'Detach', value: 'detach', description: "Remove the cell's data connection" },
			{ name: 'Keep', value: 'keep', description: 'Leave the data connection as it is' },
			{ name: 'Set', value: 'set', description: 'Run the SQL on another data connection' },
		],
		default: 'keep',
	},
	{
		...dataConnectionLocator({ ...showForSql, dataConnectionAction: ['set'] }),
		name: NEW_DATA_CONNECTION_ID,
		description:
			'The data connection the SQL runs on from now on. Pick it, paste a Hex link that contains its ID, or enter its ID.',
	},
	{
		displayName: 'Update Fields',
		name: 'cellUpdateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Output Dataframe',
				name: 'outputDataframe',
				type: 'string',
				default: '',
				placeholder: 'e.g. revenue_by_month',
				description:
					'New name of the dataframe the SQL result is stored in (SQL cells; needs Source too)',
				displayOptions: { show: { '/cellType': ['SQL'] } },
			},
			{
				displayName: 'Source',
				name: 'source',
				type: 'string',
				typeOptions: { rows: 6 },
				default: '',
				placeholder: 'e.g. select * from orders limit 100',
				description: 'The new SQL query, Python code or Markdown text; replaces the whole source',
			},
		],
	},
];
