import type { INodeProperties } from 'n8n-workflow';

import { cellLocator, pickerProjectField } from './cellLocator';
import { chartImageFields } from './chartImage';

const show = { resource: ['cell'], operation: ['getChartImage'] };

export const getChartImageFields: INodeProperties[] = [
	pickerProjectField(show),
	cellLocator(show),
	...chartImageFields(show),
];
