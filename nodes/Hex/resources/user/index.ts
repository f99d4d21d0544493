import type { INodeProperties } from 'n8n-workflow';

import { userLocator } from '../../shared/descriptions';
import { cursorPagination, pagedGet } from '../../shared/pagination';
import { getAllFields } from './getAll';
import { describeTokenOwner } from './tokenInfo';

const showOnlyForUsers = { resource: ['user'] };

export const userDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForUsers },
		options: [
			{
				name: 'Deactivate',
				value: 'deactivate',
				action: 'Deactivate a user',
				description:
					'Deactivate a user of the workspace (there is no reactivation through the API)',
				routing: {
					request: { method: 'POST', url: '/v1/users/{userId}/deactivate' },
					output: { postReceive: [{ type: 'rootProperty', properties: { property: 'user' } }] },
				},
			},
			{
				name: 'Get Current',
				value: 'getCurrent',
				action: 'Get the current token owner',
				description:
					'Get the user (or workspace) the API token belongs to, and when the token expires',
				routing: {
					request: { method: 'GET', url: '/v1/users/me' },
					output: { postReceive: [describeTokenOwner] },
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many users',
				description: 'List the users of the workspace',
				routing: pagedGet('/v1/users', cursorPagination('values', 500)),
			},
		],
		default: 'getAll',
	},
	...getAllFields,
	userLocator({ ...showOnlyForUsers, operation: ['deactivate'] }),
];
