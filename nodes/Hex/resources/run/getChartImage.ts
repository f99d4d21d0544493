import type { INodeProperties } from 'n8n-workflow';

const show = { resource: ['run'], operation: ['getChartImage'] };

// The output field and the size options are declared once in index.ts, for Get Chart Images too.
export const getChartImageFields: INodeProperties[] = [
	{
		displayName: 'Cell Static ID',
		name: 'staticId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c',
		description:
			'The static ID of the chart cell: it stays the same across project versions (Cell → Get shows it as staticId), unlike the cell ID',
		displayOptions: { show },
	},
];
