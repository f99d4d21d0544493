import type { INodeProperties } from 'n8n-workflow';

import { sendThreadFilters } from './threadRequest';

const show = { resource: ['thread'], operation: ['getAll'] };

export const getAllFields: INodeProperties[] = [
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		routing: { send: { preSend: [sendThreadFilters] } },
		options: [
			{
				displayName: 'Has Feedback',
				name: 'hasFeedback',
				type: 'boolean',
				default: true,
				description:
					'Whether to list only threads with feedback (on) or only threads without (off)',
			},
			{
				displayName: 'Number of Days',
				name: 'numDays',
				type: 'number',
				typeOptions: { minValue: 1, numberPrecision: 0 },
				default: 7,
				description: 'Only threads created within this many days',
			},
			{
				displayName: 'Resource IDs',
				name: 'resourceIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. 5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c',
				description: 'Only threads that use any of these resources (comma-separated IDs)',
			},
			{
				displayName: 'Roles',
				name: 'roles',
				type: 'multiOptions',
				options: [
					{ name: 'Admin', value: 'ADMIN' },
					{ name: 'Editor', value: 'EDITOR' },
					{ name: 'Explorer', value: 'EXPLORER' },
					{ name: 'Guest', value: 'GUEST' },
					{ name: 'Manager', value: 'MANAGER' },
					{ name: 'Member', value: 'MEMBER' },
				],
				default: [],
				description: 'Only threads of users with any of these workspace roles',
			},
			{
				displayName: 'Source',
				name: 'source',
				type: 'options',
				options: [
					{ name: 'Hex', value: 'HEX' },
					{ name: 'MCP', value: 'MCP' },
					{ name: 'Public API', value: 'PUBLIC_API' },
					{ name: 'Slack', value: 'SLACK' },
				],
				default: 'HEX',
				description: 'Only threads started from here',
			},
			{
				displayName: 'Topic IDs',
				name: 'topicIds',
				type: 'string',
				default: '',
				description:
					'Only threads on any of these topics (comma-separated IDs, see Topic → Get Many)',
			},
			{
				displayName: 'Type',
				name: 'type',
				type: 'options',
				options: [
					{ name: 'Modeling', value: 'MODELING' },
					{ name: 'Notebook', value: 'NOTEBOOK' },
					{ name: 'Threads', value: 'THREADS' },
				],
				default: 'THREADS',
				description: 'Only threads of this kind of agent',
			},
			{
				displayName: 'User ID',
				name: 'userId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c',
				description: 'Only threads started by this user',
			},
			{
				displayName: 'Warnings',
				name: 'warnings',
				type: 'multiOptions',
				options: [
					{ name: 'Data Limitation', value: 'DATA_LIMITATION' },
					{ name: 'Missing Context', value: 'MISSING_CONTEXT' },
					{ name: 'Other', value: 'OTHER' },
					{ name: 'User Doubt', value: 'USER_DOUBT' },
				],
				default: [],
				description: 'Only threads the agent flagged with any of these warnings',
			},
		],
	},
];
