import type { INodeProperties } from 'n8n-workflow';

import { cellLocator, pickerProjectField } from './cellLocator';
import { chartImageFields, chartImageQuery } from './chartImage';

const show = { resource: ['cell'], operation: ['getChartImage'] };

export const getChartImageFields: INodeProperties[] = [
	pickerProjectField(show),
	{
		...cellLocator(
			show,
			'The chart cell (its ID or static ID) in the draft notebook. Pick it from the project above, or enter its ID.',
		),
		routing: { send: { preSend: [chartImageQuery] } },
	},
	...chartImageFields(show),
];
