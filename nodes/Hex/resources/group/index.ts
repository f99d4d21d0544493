import type { INodeProperties } from 'n8n-workflow';

import { hexIdLocator } from '../../shared/descriptions';
import { cursorPagination, pagedGet } from '../../shared/pagination';
import { createFields } from './create';
import { getAllFields } from './getAll';
import { buildCreateGroupBody, buildEditGroupBody, deletedGroup } from './groupRequest';
import { updateFields } from './update';

const showOnlyForGroups = { resource: ['group'] };

export const groupDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForGroups },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a group',
				description: 'Create a group of users, optionally with its first members',
				routing: {
					request: { method: 'POST', url: '/v1/groups' },
					send: { preSend: [buildCreateGroupBody] },
				},
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a group',
				description: 'Delete a group (its members stay in the workspace)',
				routing: {
					request: { method: 'DELETE', url: '/v1/groups/{groupId}' },
					output: { postReceive: [deletedGroup] },
				},
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a group',
				description: 'Get a group by ID',
				routing: { request: { method: 'GET', url: '/v1/groups/{groupId}' } },
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many groups',
				description: 'List the groups of the workspace',
				routing: pagedGet('/v1/groups', cursorPagination('values', 500)),
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a group',
				description: 'Rename a group, or add and remove members',
				routing: {
					request: { method: 'PATCH', url: '/v1/groups/{groupId}' },
					send: { preSend: [buildEditGroupBody] },
				},
			},
		],
		default: 'getAll',
	},
	...getAllFields,
	hexIdLocator({
		displayName: 'Group',
		name: 'groupId',
		description: 'The Hex group. Pick it from the list, or enter its ID.',
		show: { ...showOnlyForGroups, operation: ['get', 'update', 'delete'] },
		searchListMethod: 'searchGroups',
	}),
	...createFields,
	...updateFields,
];
