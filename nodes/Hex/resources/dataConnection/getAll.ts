import type { INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from '../../shared/pagination';

const show = { resource: ['dataConnection'], operation: ['getAll'] };

export const getAllFields: INodeProperties[] = [
	...returnAllAndLimit('dataConnection', 'getAll'),
	{
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
				options: [
					{ name: 'Created At', value: 'CREATED_AT' },
					{ name: 'Name', value: 'NAME' },
				],
				default: 'NAME',
				routing: { send: { type: 'query', property: 'sortBy' } },
			},
			{
				displayName: 'Sort Direction',
				name: 'sortDirection',
				type: 'options',
				options: [
					{ name: 'Ascending', value: 'ASC' },
					{ name: 'Descending', value: 'DESC' },
				],
				default: 'ASC',
				routing: { send: { type: 'query', property: 'sortDirection' } },
			},
		],
	},
];
