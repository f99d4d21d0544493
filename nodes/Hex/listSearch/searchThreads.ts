import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { retryAfterMs } from '../shared/polling';
import { hexApiError, hexApiResponse } from '../shared/transport';

// As searchInPages, but ListThreads lists under `threads`: Hex cannot search, so a search reads
// a few pages (newest threads first) and filters them here.
const PAGE_SIZE = 100;
const PAGES_PER_SEARCH = 5;
const PICKER_RETRIES = 2;
const PICKER_MAX_WAIT_MS = 5_000;
const RETRY_STATUSES = [429, 502, 503, 504];

async function readPage(context: ILoadOptionsFunctions, qs: IDataObject): Promise<IDataObject> {
	for (let attempt = 0; ; attempt++) {
		const response = await hexApiResponse.call(context, 'GET', '/v1/threads', qs);
		if (response.statusCode < 400) return response.body as IDataObject;
		const wait = retryAfterMs(response.headers as IDataObject) ?? 1000 * 2 ** attempt;
		if (
			!RETRY_STATUSES.includes(response.statusCode) ||
			attempt >= PICKER_RETRIES ||
			wait > PICKER_MAX_WAIT_MS
		) {
			throw hexApiError(context.getNode(), response);
		}
		await sleep(wait);
	}
}

/** "Title (2025-06-01)"; private threads have no title. */
function toItem(thread: IDataObject): INodeListSearchItems {
	const title =
		typeof thread.title === 'string' && thread.title.trim() !== ''
			? thread.title
			: 'Untitled or private thread';
	const day = typeof thread.createdAt === 'string' ? thread.createdAt.slice(0, 10) : '';
	return {
		name: day ? `${title} (${day})` : title,
		value: String(thread.id),
		url: typeof thread.url === 'string' ? thread.url : undefined,
	};
}

export async function searchThreads(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const needle = (filter ?? '').trim().toLowerCase();
	const results: INodeListSearchItems[] = [];
	let after = paginationToken;
	for (let page = 0; page < (needle ? PAGES_PER_SEARCH : 1); page++) {
		const body = await readPage(this, { limit: PAGE_SIZE, ...(after ? { after } : {}) });
		const threads = Array.isArray(body.threads) ? (body.threads as IDataObject[]) : [];
		for (const thread of threads) {
			const item = toItem(thread);
			const haystack = `${item.name} ${String(item.value)}`.toLowerCase();
			if (!needle || haystack.includes(needle)) results.push(item);
		}
		const next = (body.pagination as IDataObject | undefined)?.after;
		after = typeof next === 'string' && next !== '' && threads.length > 0 ? next : undefined;
		if (!after) break;
	}
	return { results, paginationToken: after };
}
