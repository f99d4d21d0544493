import type { INodeProperties } from 'n8n-workflow';

import { sortCollection } from '../../shared/descriptions';
import { returnAllAndLimit } from '../../shared/pagination';

const show = { resource: ['user'], operation: ['getAll'] };

export const getAllFields: INodeProperties[] = [
	...returnAllAndLimit('user', 'getAll'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Group ID',
				name: 'groupId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c',
				description: 'Only users who are members of this group',
				routing: { send: { type: 'query', property: 'groupId' } },
			},
			{
				displayName: 'User IDs',
				name: 'userIds',
				type: 'string',
				default: '',
				placeholder:
					'e.g. 5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c, 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
				description: 'Only these users (comma-separated IDs)',
				routing: {
					send: {
						type: 'query',
						property: 'userIds',
						value:
							'={{ String($value).split(",").map(id => id.trim()).filter(id => id).join(",") }}',
					},
				},
			},
		],
	},
	sortCollection(
		show,
		[
			{ name: 'Email', value: 'EMAIL' },
			{ name: 'Name', value: 'NAME' },
		],
		{ sortBy: 'NAME', sortDirection: 'ASC' },
	),
];
