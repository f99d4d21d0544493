import type { INodeProperties } from 'n8n-workflow';

const show = { resource: ['thread'], operation: ['getMessages'] };

export const getMessagesFields: INodeProperties[] = [
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Full',
				name: 'full',
				type: 'boolean',
				default: false,
				description:
					'Whether to include the JSON-encoded message records with thinking, tool calls, results and mentions',
				routing: { send: { type: 'query', property: 'full' } },
			},
		],
	},
];
