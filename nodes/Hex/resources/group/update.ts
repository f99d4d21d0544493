import type { INodeProperties } from 'n8n-workflow';

const show = { resource: ['group'], operation: ['update'] };
const idsPlaceholder =
	'e.g. 5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c, 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';

export const updateFields: INodeProperties[] = [
	{
		displayName: 'Update Fields',
		name: 'groupUpdateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Add Member User IDs',
				name: 'addUserIds',
				type: 'string',
				default: '',
				placeholder: idsPlaceholder,
				description:
					'Users to add to the group (comma-separated IDs, or a list from an expression; at most 100)',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'A new name for the group',
			},
			{
				displayName: 'Remove Member User IDs',
				name: 'removeUserIds',
				type: 'string',
				default: '',
				placeholder: idsPlaceholder,
				description:
					'Users to remove from the group (comma-separated IDs, or a list from an expression; at most 100)',
			},
		],
	},
];
