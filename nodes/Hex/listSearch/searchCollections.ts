import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { searchInPages } from './searchInPages';

export async function searchCollections(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchInPages(
		this,
		{
			url: '/v1/collections',
			pageSize: 100,
			qs: { sortBy: 'NAME' },
			toItem: (collection) => ({
				name: String(collection.name ?? collection.id),
				value: String(collection.id),
			}),
		},
		filter,
		paginationToken,
	);
}
