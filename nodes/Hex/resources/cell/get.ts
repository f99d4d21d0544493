import type { INodeProperties } from 'n8n-workflow';

import { cellLocator, pickerProjectField } from './cellLocator';

const show = { resource: ['cell'], operation: ['get'] };

export const getFields: INodeProperties[] = [pickerProjectField(show), cellLocator(show)];
