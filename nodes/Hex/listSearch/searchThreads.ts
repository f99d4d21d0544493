import type { IDataObject, INodeListSearchItems } from 'n8n-workflow';

import { pageSearch } from './searchInPages';

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

/** ListThreads (newest threads first) lists under `threads`. */
export const searchThreads = pageSearch({
	url: '/v1/threads',
	pageSize: 100,
	listKey: 'threads',
	toItem,
});
