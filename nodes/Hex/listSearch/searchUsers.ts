import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { searchInPages } from './searchInPages';

export async function searchUsers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchInPages(
		this,
		{
			url: '/v1/users',
			pageSize: 500,
			toItem: (user) => ({
				name: user.name ? `${String(user.name)} <${String(user.email)}>` : String(user.email),
				value: String(user.id),
			}),
		},
		filter,
		paginationToken,
	);
}
