import type { INodeProperties } from 'n8n-workflow';

import { hexIdLocator } from '../../shared/descriptions';
import { cursorPagination, pagedGet } from '../../shared/pagination';
import { createFields } from './create';
import { getAllFields } from './getAll';
import { buildEditCollectionBody } from './collectionRequest';
import { updateFields } from './update';

const showOnlyForCollections = { resource: ['collection'] };

export const collectionDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForCollections },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a collection',
				description: 'Create a collection, optionally shared with users, groups or the workspace',
				routing: { request: { method: 'POST', url: '/v1/collections' } },
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a collection',
				description: 'Get a collection with its sharing',
				routing: { request: { method: 'GET', url: '/v1/collections/{collectionId}' } },
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many collections',
				description: 'List the collections of the workspace',
				routing: pagedGet('/v1/collections', cursorPagination('values', 100)),
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a collection',
				description: 'Rename a collection, change its description, or add, change or remove access',
				routing: {
					request: { method: 'PATCH', url: '/v1/collections/{collectionId}' },
					send: { preSend: [buildEditCollectionBody] },
				},
			},
		],
		default: 'getAll',
	},
	...getAllFields,
	hexIdLocator({
		displayName: 'Collection',
		name: 'collectionId',
		description: 'The Hex collection. Pick it from the list, or enter its ID.',
		show: { ...showOnlyForCollections, operation: ['get', 'update'] },
		searchListMethod: 'searchCollections',
	}),
	...createFields,
	...updateFields,
];
