import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyRouting,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { bodyOf, sendToHex } from './hexRequest';
import { fail } from './fieldValues';

type Paginator = (
	this: IExecutePaginationFunctions,
	resultOptions: DeclarativeRestApiSettings.ResultOptions,
) => Promise<INodeExecutionData[]>;

/** How many items the user asked for: Infinity for Return All, else a validated Limit. */
export function requestedCount(context: IExecutePaginationFunctions, items = 'items'): number {
	if (context.getNodeParameter('returnAll', false) === true) return Infinity;
	const limit = context.getNodeParameter('limit', 50);
	if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
		fail(
			context,
			`The "Limit" parameter must be a whole number of at least 1, got ${JSON.stringify(limit)}`,
			`Set Limit to how many ${items} to return, or turn on Return All.`,
		);
	}
	return limit;
}

/** One page of a list route, with `qs` added; fails when the answer lacks the `listKey` list. */
export async function fetchPage(
	context: IExecutePaginationFunctions,
	resultOptions: DeclarativeRestApiSettings.ResultOptions,
	qs: IDataObject,
	listKey: string,
): Promise<{ values: IDataObject[]; body: IDataObject }> {
	const options = { ...resultOptions.options, qs: { ...resultOptions.options.qs, ...qs } };
	const body = bodyOf(
		context,
		await sendToHex(context, options, { signal: context.getExecutionCancelSignal() }),
	);
	const values = body[listKey];
	if (!Array.isArray(values)) {
		throw new NodeOperationError(
			context.getNode(),
			`Hex answered without the expected "${listKey}" list`,
			{
				description: 'The response did not have the documented shape; nothing more was requested.',
			},
		);
	}
	return { values: values as IDataObject[], body };
}

/** Where the next page starts: `{}` for the first page, else the cursor under its query key. */
export type CursorQuery = { [cursorKey: string]: string };

/**
 * The pages of a cursor-paged list (answer `{…, pagination: {<cursorKey>}}`), each fetched by
 * `fetch` only when the loop over them asks for it, so a loop that has enough breaks out before
 * the next request. Ends after a page with a null, empty or repeated cursor, or with fewer values
 * than `fullPage` (by default only an empty page ends it).
 */
export async function* cursorPages<Value>(
	fetch: (cursor: CursorQuery) => Promise<{ values: Value[]; body: IDataObject }>,
	{ cursorKey = 'after', fullPage = 1 } = {},
): AsyncGenerator<Value[]> {
	const seenCursors = new Set<string>();
	let cursor: CursorQuery = {};
	for (;;) {
		const { values, body } = await fetch(cursor);
		yield values;
		const next = nextCursor(body, values.length < fullPage, seenCursors, cursorKey);
		if (next === undefined) return;
		cursor = { [cursorKey]: next };
	}
}

/**
 * The cursor of the page after `body`, noted in `seenCursors`; undefined when there is none: the
 * page was the last, or the cursor is null, empty or seen before (the list would loop).
 */
export function nextCursor(
	body: IDataObject,
	isLastPage: boolean,
	seenCursors: Set<string>,
	cursorKey = 'after',
): string | undefined {
	const next = (body.pagination as IDataObject | undefined)?.[cursorKey];
	if (isLastPage || typeof next !== 'string' || next === '' || seenCursors.has(next)) {
		return undefined;
	}
	seenCursors.add(next);
	return next;
}

/**
 * Cursor pagination (`limit` + `after`). Asks for the largest page the route allows, never more
 * than still needed.
 */
export function cursorPagination(listKey: string, maxPageSize: number): Paginator {
	return async function (this: IExecutePaginationFunctions, resultOptions) {
		const wanted = requestedCount(this);
		const results: INodeExecutionData[] = [];
		const walk = cursorPages((cursor) => {
			const limit = Math.min(maxPageSize, wanted - results.length);
			return fetchPage(this, resultOptions, { limit, ...cursor }, listKey);
		});
		for await (const values of walk) {
			for (const value of values.slice(0, wanted - results.length)) results.push({ json: value });
			if (results.length >= wanted) break;
		}
		return results;
	};
}

/**
 * Offset pagination (`limit` + `offset`, answer `{<listKey>, nextPage}`), as GetProjectRuns uses.
 * New entries shift the pages while they are read, so an entry seen before (by `idKey`) is
 * skipped rather than output twice.
 */
export function offsetPagination(listKey: string, maxPageSize: number, idKey: string): Paginator {
	return async function (this: IExecutePaginationFunctions, resultOptions) {
		const wanted = requestedCount(this);
		const results: INodeExecutionData[] = [];
		const seen = new Set<unknown>();
		let offset = 0;
		while (results.length < wanted) {
			const limit = Math.min(maxPageSize, wanted - results.length);
			const { values, body } = await fetchPage(this, resultOptions, { limit, offset }, listKey);
			for (const value of values) {
				if (results.length >= wanted) break;
				const id = value[idKey];
				if (id !== undefined && seen.has(id)) continue;
				seen.add(id);
				results.push({ json: value });
			}
			// A short page is the last one, whatever nextPage says.
			if (values.length < limit || !body.nextPage) break;
			offset += values.length;
		}
		return results;
	};
}

/** The routing of a GET operation whose requests `pagination` sends, from the route's options. */
export function pagedGet(
	url: string,
	pagination: Paginator,
	send: INodePropertyRouting['send'] = {},
): INodePropertyRouting {
	return {
		request: { method: 'GET', url },
		send: { paginate: true, ...send },
		operations: { pagination },
	};
}

/** The standard Return All and Limit pair for a Get Many operation. */
export function returnAllAndLimit(resource: string, operation: string): INodeProperties[] {
	const show = { resource: [resource], operation: [operation] };
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			displayOptions: { show },
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			displayOptions: { show: { ...show, returnAll: [false] } },
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
		},
	];
}
