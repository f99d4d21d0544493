import type { INodeProperties } from 'n8n-workflow';

import { ingestFields } from './ingest';
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
	{
		// Hex has no route that lists semantic projects, so the ID is entered.
		displayName: 'Semantic Project',
		name: 'semanticProjectId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c',
		description:
			'The ID of the semantic project, as shown in Hex under Settings → Semantic projects',
		displayOptions: { show: { ...showOnlyForSemanticProjects, operation: ['ingest', 'update'] } },
	},
	...ingestFields,
	...updateFields,
];
