import type { INodeProperties } from 'n8n-workflow';

import { cursorPagination, returnAllAndLimit } from '../../shared/pagination';

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
				routing: {
					request: { method: 'GET', url: '/v1/context/topics' },
					send: { paginate: true },
					operations: { pagination: cursorPagination('topics', 100) },
				},
			},
		],
		default: 'getAll',
	},
	...returnAllAndLimit('topic', 'getAll'),
];
