import type { INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from '../../shared/pagination';

const show = { resource: ['collection'], operation: ['getAll'] };

export const getAllFields: INodeProperties[] = [
	...returnAllAndLimit('collection', 'getAll'),
	{
		// ListCollections can only sort by name, and has no sort direction.
		displayName: 'Sort',
		name: 'sort',
		type: 'collection',
		placeholder: 'Add Sort Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Sort By',
				name: 'sortBy',
				type: 'options',
				options: [{ name: 'Name', value: 'NAME' }],
				default: 'NAME',
				routing: { send: { type: 'query', property: 'sortBy' } },
			},
		],
	},
];
