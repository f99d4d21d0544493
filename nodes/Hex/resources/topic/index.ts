import type { INodeProperties } from 'n8n-workflow';

import { cursorPagination, pagedGet, returnAllAndLimit } from '../../shared/pagination';

const showOnlyForTopics = { resource: ['topic'] };

export const topicDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForTopics },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many topics',
				description: 'List the topics Hex sorts agent threads into, by name',
				routing: pagedGet('/v1/context/topics', cursorPagination('topics', 100)),
			},
		],
		default: 'getAll',
	},
	...returnAllAndLimit('topic', 'getAll'),
];
