import type { INodeProperties } from 'n8n-workflow';

import { sortCollection } from '../../shared/descriptions';
import { returnAllAndLimit } from '../../shared/pagination';

const show = { resource: ['group'], operation: ['getAll'] };

export const getAllFields: INodeProperties[] = [
	...returnAllAndLimit('group', 'getAll'),
	sortCollection(
		show,
		[
			{ name: 'Created At', value: 'CREATED_AT' },
			{ name: 'Name', value: 'NAME' },
		],
		{ sortBy: 'NAME', sortDirection: 'ASC' },
	),
];
