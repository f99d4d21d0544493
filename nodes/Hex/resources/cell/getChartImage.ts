import type { INodeProperties } from 'n8n-workflow';

import { chartImageFields } from './chartImage';

const show = { resource: ['cell'], operation: ['getChartImage'] };

export const getChartImageFields: INodeProperties[] = [...chartImageFields(show)];
