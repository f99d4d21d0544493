import type { INodeProperties } from 'n8n-workflow';

import { ingestFields } from './ingest';
import { semanticProjectField } from './semanticProjectField';
import { buildSemanticUpdateBody } from './semanticRequests';
import { updateFields } from './update';

const showOnlyForSemanticProjects = { resource: ['semanticProject'] };

export const semanticProjectDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForSemanticProjects },
		options: [
			{
				name: 'Ingest',
				value: 'ingest',
				action: 'Ingest a semantic project',
				description:
					'Sync a semantic project from a zip of its files (Hex allows 3 requests per minute)',
				routing: {
					request: { method: 'POST', url: '/v1/semantic-projects/{semanticProjectId}/ingest' },
				},
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a semantic project',
				description:
					'Set or remove the status (including endorsements) of datasets and views, all or nothing',
				routing: {
					request: { method: 'PATCH', url: '/v1/semantic-projects/{semanticProjectId}' },
					send: { preSend: [buildSemanticUpdateBody] },
				},
			},
		],
		default: 'ingest',
	},
	semanticProjectField({ ...showOnlyForSemanticProjects, operation: ['ingest', 'update'] }),
	...ingestFields,
	...updateFields,
];
