import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import { fetchPage, requestedCount } from '../../shared/pagination';

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
	const seenCursors = new Set<string>();
	let count = 0;
	let before: string | undefined;
	while (count < wanted) {
		const limit = Math.min(MAX_PAGE_SIZE, wanted - count);
		const { values: content, body } = await fetchPage(
			this,
			resultOptions,
			before === undefined ? { limit } : { limit, before },
			'content',
		);
		// Keep the newest blocks of the page should Hex send more than asked for.
		const kept = content.slice(Math.max(0, content.length - (wanted - count)));
		pages.push(kept);
		count += kept.length;
		const next = (body.pagination as IDataObject | undefined)?.before;
		if (typeof next !== 'string' || next === '' || content.length === 0 || seenCursors.has(next)) {
			break;
		}
		seenCursors.add(next);
		before = next;
	}
	return pages.reverse().flatMap((page) => page.map((json) => ({ json })));
}
