import type { INodeProperties } from 'n8n-workflow';

import { cellLocator, pickerProjectField } from './cellLocator';

const show = { resource: ['cell'], operation: ['delete'] };

export const deleteFields: INodeProperties[] = [pickerProjectField(show), cellLocator(show)];
