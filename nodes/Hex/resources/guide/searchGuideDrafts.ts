import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { searchInPages } from '../../listSearch/searchInPages';

/** Picker for guide drafts (ListDraftGuides, up to 100 per page), matched on path and ID. */
export async function searchGuideDrafts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchInPages(
		this,
		{
			url: '/v1/guides/draft/list',
			pageSize: 100,
			toItem: (draft) => ({ name: String(draft.filePath), value: String(draft.id) }),
		},
		filter,
		paginationToken,
	);
}
