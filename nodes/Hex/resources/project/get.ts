import type { INodeProperties } from 'n8n-workflow';

const show = { resource: ['project'], operation: ['get'] };

export const getFields: INodeProperties[] = [
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Include Sharing',
				name: 'includeSharing',
				type: 'boolean',
				default: false,
				description: 'Whether to include who the project is shared with',
				routing: { send: { type: 'query', property: 'includeSharing' } },
			},
		],
	},
];
