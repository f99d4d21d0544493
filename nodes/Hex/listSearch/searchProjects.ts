import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { searchInPages } from './searchInPages';

export async function searchProjects(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchInPages(
		this,
		{
			url: '/v1/projects',
			pageSize: 100,
			qs: { sortBy: 'LAST_EDITED_AT', sortDirection: 'DESC' },
			toItem: (project) => ({
				name: String(project.title ?? project.id),
				value: String(project.id),
			}),
		},
		filter,
		paginationToken,
	);
}
