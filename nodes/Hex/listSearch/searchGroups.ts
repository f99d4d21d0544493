import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { searchInPages } from './searchInPages';

export async function searchGroups(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchInPages(
		this,
		{
			url: '/v1/groups',
			pageSize: 500,
			qs: { sortBy: 'NAME', sortDirection: 'ASC' },
			toItem: (group) => ({
				name: String(group.name ?? group.id),
				value: String(group.id),
			}),
		},
		filter,
		paginationToken,
	);
}
