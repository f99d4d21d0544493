import type { INodeProperties } from 'n8n-workflow';

import { hexIdLocator } from '../../shared/descriptions';
import { cursorPagination, pagedGet } from '../../shared/pagination';
import { getManyDraftsFields } from './getManyDrafts';
import { deletedGuideDraft, upsertInBatches } from './guideOutput';
import { publishDraftsFields } from './publishDrafts';
import { upsertDraftFields } from './upsertDraft';

const showOnlyForGuides = { resource: ['guide'] };

export const guideDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForGuides },
		options: [
			{
				name: 'Create or Update Draft',
				value: 'upsertDraft',
				action: 'Create or update guide drafts',
				description:
					'Write guide files by path: a new path creates a guide, an existing one gets a new or updated draft',
				routing: {
					request: { method: 'PUT', url: '/v1/guides/draft' },
					// More files than one request takes go out as several requests.
					send: { paginate: true },
					operations: { pagination: upsertInBatches },
				},
			},
			{
				name: 'Delete Draft',
				value: 'deleteDraft',
				action: 'Delete a guide draft',
				description: 'Delete the draft of a guide file',
				routing: {
					request: { method: 'DELETE', url: '/v1/guides/draft/{orgGuideFileId}' },
					output: { postReceive: [deletedGuideDraft] },
				},
			},
			{
				name: 'Get Many Drafts',
				value: 'getManyDrafts',
				action: 'Get many guide drafts',
				description: 'List the draft guide files, optionally only those from one external source',
				routing: pagedGet('/v1/guides/draft/list', cursorPagination('values', 100)),
			},
			{
				name: 'Publish Drafts',
				value: 'publishDrafts',
				action: 'Publish guide drafts',
				description: 'Publish the drafts of some guide files, or all drafts',
				routing: { request: { method: 'POST', url: '/v1/guides/publish' } },
			},
		],
		default: 'getManyDrafts',
	},
	...getManyDraftsFields,
	...upsertDraftFields,
	...publishDraftsFields,
	hexIdLocator({
		displayName: 'Guide Draft',
		name: 'orgGuideFileId',
		searchListMethod: 'searchGuideDrafts',
		description:
			'The guide file. Pick it from the drafts, or enter its ID (from Get Many Drafts or the guide file’s menu in Hex).',
		show: { ...showOnlyForGuides, operation: ['deleteDraft'] },
	}),
];
