import type { INodeProperties } from 'n8n-workflow';

const show = { resource: ['project'], operation: ['update'] };

export const updateFields: INodeProperties[] = [
	{
		displayName: 'Status Action',
		name: 'statusAction',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show },
		options: [
			{
				name: 'Set Status',
				value: 'set',
				description: 'Apply a status or endorsement by its name',
			},
			{
				name: 'Remove Status',
				value: 'remove',
				description: 'Remove the current status',
				routing: { send: { type: 'body', property: 'status', value: '={{ null }}' } },
			},
		],
		default: 'set',
	},
	{
		displayName: 'Status',
		name: 'status',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Approved',
		description: 'The name of the status to apply, as defined in the workspace settings',
		displayOptions: { show: { ...show, statusAction: ['set'] } },
		routing: { send: { type: 'body', property: 'status' } },
	},
];
