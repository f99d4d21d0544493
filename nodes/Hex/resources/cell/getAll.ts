import type { INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from '../../shared/pagination';
import { cellProjectLocator } from './cellLocator';

const show = { resource: ['cell'], operation: ['getAll'] };

export const getAllFields: INodeProperties[] = [
	cellProjectLocator(show),
	...returnAllAndLimit('cell', 'getAll'),
];
