import type { INodeProperties } from 'n8n-workflow';

import { buildPublishBody } from './guideRequests';

const show = { resource: ['guide'], operation: ['publishDrafts'] };

export const publishDraftsFields: INodeProperties[] = [
	{
		displayName: 'Publish',
		name: 'publish',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show },
		options: [
			{
				name: 'All Drafts',
				value: 'all',
				description: 'Publish every draft guide of the workspace',
			},
			{
				name: 'Selected Drafts',
				value: 'selected',
				description: 'Publish the drafts of the guide files given by ID',
			},
		],
		default: 'selected',
		routing: { send: { preSend: [buildPublishBody] } },
	},
	{
		displayName: 'Guide Draft IDs',
		name: 'orgGuideFileIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c, 0f1e2d3c-4b5a-4978-8796-a5b4c3d2e1f0',
		description:
			'The IDs of the guide files to publish (comma-separated); an expression may return a list',
		displayOptions: { show: { ...show, publish: ['selected'] } },
	},
];
