import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { getFromHex } from '../shared/hexRequest';

// Hex's list routes cannot search, so a search reads a few pages and filters them here.
const PAGES_PER_SEARCH = 5;
// Someone is waiting on the picker: retry briefly, or show Hex's error.
const PICKER_RETRIES = { maxRetries: 2, maxRetryWaitMs: 5_000 };

export interface PageSearch {
	url: string;
	pageSize: number;
	qs?: IDataObject;
	/** Where the answer lists the objects; `values` unless the route says otherwise. */
	listKey?: string;
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
		const body = await getFromHex(
			context,
			search.url,
			{ ...search.qs, limit: search.pageSize, ...(after ? { after } : {}) },
			PICKER_RETRIES,
		);
		const listed = body[search.listKey ?? 'values'];
		const values = Array.isArray(listed) ? (listed as IDataObject[]) : [];
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

/** A picker's list search method over one Hex list route. */
export function pageSearch(search: PageSearch) {
	return async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await searchInPages(this, search, filter, paginationToken);
	};
}
