import type { INodeProperties } from 'n8n-workflow';

const show = { resource: ['project'], operation: ['create'] };

export const createFields: INodeProperties[] = [
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Weekly Revenue Review',
		description: 'The title of the new project',
		displayOptions: { show },
		routing: { send: { type: 'body', property: 'title' } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
				description: 'A description of the new project',
				routing: { send: { type: 'body', property: 'description' } },
			},
		],
	},
];
