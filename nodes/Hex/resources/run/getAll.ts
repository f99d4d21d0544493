import type { INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from '../../shared/pagination';

const show = { resource: ['run'], operation: ['getAll'] };

export const getAllFields: INodeProperties[] = [
	...returnAllAndLimit('run', 'getAll'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Status',
				name: 'statusFilter',
				type: 'options',
				options: [
					{ name: 'Completed', value: 'COMPLETED' },
					{ name: 'Errored', value: 'ERRORED' },
					{ name: 'Killed', value: 'KILLED' },
					{ name: 'Pending', value: 'PENDING' },
					{ name: 'Running', value: 'RUNNING' },
					{ name: 'Unable to Allocate Kernel', value: 'UNABLE_TO_ALLOCATE_KERNEL' },
				],
				default: 'COMPLETED',
				description: 'Only runs with this status',
				routing: { send: { type: 'query', property: 'statusFilter' } },
			},
			{
				displayName: 'Run Trigger',
				name: 'runTriggerFilter',
				type: 'options',
				options: [
					{ name: 'All', value: 'ALL' },
					{ name: 'API', value: 'API' },
					{ name: 'App Refresh', value: 'APP_REFRESH' },
					{ name: 'Scheduled', value: 'SCHEDULED' },
				],
				default: 'ALL',
				description: 'Only runs started this way',
				routing: { send: { type: 'query', property: 'runTriggerFilter' } },
			},
		],
	},
];
