import type { INodeProperties } from 'n8n-workflow';

const show = { resource: ['group'], operation: ['create'] };

export const createFields: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'groupName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Data Team',
		description: 'The name of the new group. Hex allows several groups with the same name.',
		displayOptions: { show },
	},
	{
		displayName: 'Additional Fields',
		name: 'groupAdditionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Member User IDs',
				name: 'memberUserIds',
				type: 'string',
				default: '',
				placeholder:
					'e.g. 5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c, 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
				description:
					'The users to add to the new group (comma-separated IDs, or a list from an expression; at most 100)',
			},
		],
	},
];
