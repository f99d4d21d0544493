import type { INodeProperties } from 'n8n-workflow';

const show = { resource: ['run'], operation: ['getChartImages'] };

// The output field and the size options are declared once in index.ts, for Get Chart Image too.
export const getChartImagesFields: INodeProperties[] = [
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Label Contains',
				name: 'labelContains',
				type: 'string',
				default: '',
				placeholder: 'e.g. revenue',
				description:
					'Only charts whose label contains this text (ignoring case); charts without a label never match',
			},
		],
	},
];
