import type { INodeProperties } from 'n8n-workflow';

import { projectLocator } from '../../shared/descriptions';
import { returnAllAndLimit } from '../../shared/pagination';
import { projectIdInQuery } from './cellRequest';

const show = { resource: ['cell'], operation: ['getAll'] };

export const getAllFields: INodeProperties[] = [
	{
		...projectLocator(
			show,
			'The project whose draft cells to list. Pick it, paste its link, or enter its ID.',
		),
		routing: { send: { preSend: [projectIdInQuery] } },
	},
	...returnAllAndLimit('cell', 'getAll'),
];
