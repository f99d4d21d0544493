import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { searchInPages } from './searchInPages';

export async function searchDataConnections(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchInPages(
		this,
		{
			url: '/v1/data-connections',
			pageSize: 100,
			toItem: (connection) => ({
				name: `${String(connection.name ?? connection.id)} (${String(connection.type ?? 'unknown')})`,
				value: String(connection.id),
			}),
		},
		filter,
		paginationToken,
	);
}
