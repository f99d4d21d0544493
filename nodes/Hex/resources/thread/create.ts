import type { INodeProperties } from 'n8n-workflow';

import { PROJECT_LINK, hexIdLocator } from '../../shared/descriptions';

const show = { resource: ['thread'], operation: ['create'] };

export const createFields: INodeProperties[] = [
	{
		displayName: 'Additional Fields',
		name: 'threadAdditionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Muted',
				name: 'muted',
				type: 'boolean',
				default: false,
				description:
					'Whether to keep the thread out of aggregated views and statistics in Hex (it stays viewable on its own); ignored for threads on a project',
			},
			{
				displayName: 'New Project',
				name: 'newProject',
				type: 'boolean',
				default: false,
				description:
					'Whether the agent creates a new project to work in; cannot be combined with Project',
			},
			{
				displayName: 'Preview ID',
				name: 'previewId',
				type: 'string',
				default: '',
				description: 'Sent to Hex as the thread’s preview ID',
			},
			hexIdLocator({
				displayName: 'Project',
				name: 'projectId',
				description:
					'Let the thread work on this existing project; cannot be combined with New Project',
				searchListMethod: 'searchProjects',
				byUrl: PROJECT_LINK,
				required: false,
			}),
		],
	},
];
