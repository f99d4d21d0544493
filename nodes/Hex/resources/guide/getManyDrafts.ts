import type { INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from '../../shared/pagination';
import { GITHUB_BASE, GITHUB_OWNER, GITHUB_REPO } from './externalSource';
import { externalSourceQuery } from './guideRequests';

const show = { resource: ['guide'], operation: ['getManyDrafts'] };

export const getManyDraftsFields: INodeProperties[] = [
	...returnAllAndLimit('guide', 'getManyDrafts'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		routing: { send: { preSend: [externalSourceQuery] } },
		options: [
			{
				displayName: 'External Source',
				name: 'sourceType',
				type: 'options',
				options: [
					{
						name: 'GitHub',
						value: 'github',
						description: 'Guides synced from a GitHub repository',
					},
					{ name: 'JSON', value: 'json', description: 'Enter the source as a JSON object' },
					{
						name: 'Unknown Source',
						value: 'unknown',
						description: 'Guides uploaded from any other source',
					},
				],
				default: 'github',
				description: 'Only drafts uploaded from this source',
			},
			{
				displayName: 'External Source (JSON)',
				name: 'externalSourceJson',
				type: 'json',
				default: '{"source": "github", "owner": "", "repo": ""}',
				description:
					'The source as Hex describes it: {"source": "github", "owner", "repo", "base"} or {"source": "unknown", "ID"}',
				displayOptions: { show: { sourceType: ['json'] } },
			},
			{ ...GITHUB_BASE, displayOptions: { show: { sourceType: ['github'] } } },
			{ ...GITHUB_OWNER, displayOptions: { show: { sourceType: ['github'] } } },
			{ ...GITHUB_REPO, displayOptions: { show: { sourceType: ['github'] } } },
			{
				displayName: 'Source ID',
				name: 'sourceId',
				type: 'string',
				default: '',
				description: 'The ID that tells unknown sources apart; leave empty for any',
				displayOptions: { show: { sourceType: ['unknown'] } },
			},
		],
	},
];
