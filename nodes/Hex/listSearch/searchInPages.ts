import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { hexApiRequest } from '../shared/transport';

// Hex's list routes cannot search, so a search reads a few pages and filters them here.
const PAGES_PER_SEARCH = 5;

export interface PageSearch {
	url: string;
	pageSize: number;
	qs?: IDataObject;
	toItem: (value: IDataObject) => INodeListSearchItems;
}

export async function searchInPages(
	context: ILoadOptionsFunctions,
	search: PageSearch,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const needle = (filter ?? '').trim().toLowerCase();
	const results: INodeListSearchItems[] = [];
	let after = paginationToken;
	for (let page = 0; page < (needle ? PAGES_PER_SEARCH : 1); page++) {
		const body = await hexApiRequest.call(context, 'GET', search.url, {
			...search.qs,
			limit: search.pageSize,
			...(after ? { after } : {}),
		});
		const values = Array.isArray(body.values) ? (body.values as IDataObject[]) : [];
		for (const value of values) {
			const item = search.toItem(value);
			const haystack = `${item.name} ${String(item.value)}`.toLowerCase();
			if (!needle || haystack.includes(needle)) results.push(item);
		}
		const next = (body.pagination as IDataObject | undefined)?.after;
		after = typeof next === 'string' && next !== '' && values.length > 0 ? next : undefined;
		if (!after) break;
	}
	return { results, paginationToken: after };
}
