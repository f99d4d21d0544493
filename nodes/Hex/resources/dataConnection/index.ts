import type { INodeProperties } from 'n8n-workflow';

import { dataConnectionLocator } from '../../shared/descriptions';
import { cursorPagination, pagedGet } from '../../shared/pagination';
import { createFields } from './create';
import { getAllFields } from './getAll';
import { updateFields } from './update';
import { updateSchemaFields } from './updateSchema';

const showOnlyForDataConnections = { resource: ['dataConnection'] };

export const dataConnectionDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForDataConnections },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a data connection',
				description: 'Create a warehouse or database connection',
				routing: { request: { method: 'POST', url: '/v1/data-connections' } },
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a data connection',
				description: 'Get a data connection with its settings (secrets are never returned)',
				routing: { request: { method: 'GET', url: '/v1/data-connections/{dataConnectionId}' } },
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many data connections',
				description: 'List the data connections of the workspace',
				routing: pagedGet('/v1/data-connections', cursorPagination('values', 100)),
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a data connection',
				description: 'Change the name, settings, sharing or credentials of a connection',
				routing: { request: { method: 'PATCH', url: '/v1/data-connections/{dataConnectionId}' } },
			},
			{
				name: 'Update Schema',
				value: 'updateSchema',
				action: 'Update the schema of a data connection',
				description: 'Set or remove the status (e.g. endorsement) of databases, schemas and tables',
				routing: {
					request: { method: 'PATCH', url: '/v1/data-connections/{dataConnectionId}/schema' },
				},
			},
		],
		default: 'getAll',
	},
	...getAllFields,
	dataConnectionLocator({
		...showOnlyForDataConnections,
		operation: ['get', 'update', 'updateSchema'],
	}),
	...createFields,
	...updateFields,
	...updateSchemaFields,
];
