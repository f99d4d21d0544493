import type { INodeProperties } from 'n8n-workflow';

import { schemaUpdatesPreSend } from './schemaUpdates';

const show = { resource: ['dataConnection'], operation: ['updateSchema'] };

export const updateSchemaFields: INodeProperties[] = [
	{
		displayName: 'Updates',
		name: 'updates',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Update',
		required: true,
		default: {},
		description: 'Status changes, applied all together or not at all',
		displayOptions: { show },
		routing: { send: { preSend: [schemaUpdatesPreSend] } },
		options: [
			{
				displayName: 'Update',
				name: 'update',
				values: [
					{
						displayName: 'Object Type',
						name: 'type',
						type: 'options',
						options: [
							{ name: 'Database', value: 'DATABASE' },
							{ name: 'Schema', value: 'SCHEMA' },
							{ name: 'Table', value: 'TABLE' },
						],
						default: 'TABLE',
					},
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. analytics.public.orders',
						description: 'The database name, or the qualified schema or table name',
					},
					{
						displayName: 'Remove Status',
						name: 'removeStatus',
						type: 'boolean',
						default: false,
						description: 'Whether to remove the current status instead of setting one',
					},
					{
						displayName: 'Status',
						name: 'status',
						type: 'string',
						default: '',
						placeholder: 'e.g. Endorsed',
						description: 'The name of the status to apply',
						displayOptions: { show: { removeStatus: [false] } },
					},
				],
			},
		],
	},
];
