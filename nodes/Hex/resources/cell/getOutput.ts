import type { INodeProperties } from 'n8n-workflow';

const show = { resource: ['cell'], operation: ['getOutput'] };

export const getOutputFields: INodeProperties[] = [
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Output Cell Run Errors',
				name: 'outputCellRunErrors',
				type: 'boolean',
				default: false,
				description:
					'Whether to output a cell whose last run failed as an item (result type "cell_run_error" with message and traceback) instead of failing the item',
			},
			{
				displayName: 'Split Rows Into Items',
				name: 'splitRows',
				type: 'boolean',
				default: false,
				description:
					'Whether to output one item per row (columns as fields, values as text) instead of one item with the whole result (columns, rows, row counts, truncated)',
			},
		],
	},
];
