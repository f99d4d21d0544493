import type { INodeProperties } from 'n8n-workflow';

import { createPresignedUrlFields } from './createPresignedUrl';
import { buildEmbeddingBody } from './embeddingRequest';

const showOnlyForEmbedding = { resource: ['embedding'] };

export const embeddingDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForEmbedding },
		options: [
			{
				name: 'Create Presigned URL',
				value: 'createPresignedUrl',
				action: 'Create a presigned embedding URL',
				description: 'Create a single-use signed URL that embeds a published app in an iframe',
				routing: {
					request: {
						method: 'POST',
						url: '/v1/embedding/createPresignedUrl/{embeddingProjectId}',
					},
					send: { preSend: [buildEmbeddingBody] },
				},
			},
		],
		default: 'createPresignedUrl',
	},
	...createPresignedUrlFields,
];
