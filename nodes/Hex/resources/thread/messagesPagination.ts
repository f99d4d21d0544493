import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import { cursorPages, fetchPage, requestedCount } from '../../shared/pagination';

const MAX_PAGE_SIZE = 50;

/**
 * GetThreadMessages answers the most recent page first and pages back in time with `before`;
 * within a page the blocks are oldest first. This walks back until enough blocks are read (all
 * of them for Return All, else the Limit most recent ones) and outputs them oldest first, so the
 * items read as the conversation did. Stops on a null, empty or repeated cursor, or an empty page.
 */
export async function threadMessagesPagination(
	this: IExecutePaginationFunctions,
	resultOptions: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const wanted = requestedCount(this, 'messages');
	const pages: IDataObject[][] = [];
	let count = 0;
	const walk = cursorPages(
		(cursor) => {
			const limit = Math.min(MAX_PAGE_SIZE, wanted - count);
			return fetchPage(this, resultOptions, { limit, ...cursor }, 'content');
		},
		{ cursorKey: 'before' },
	);
	for await (const content of walk) {
		// Keep the newest blocks of the page should Hex send more than asked for.
		const kept = content.slice(Math.max(0, content.length - (wanted - count)));
		pages.push(kept);
		count += kept.length;
		if (count >= wanted) break;
	}
	return pages.reverse().flatMap((page) => page.map((json) => ({ json })));
}
