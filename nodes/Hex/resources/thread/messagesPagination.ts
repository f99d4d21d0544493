import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { sendHexRequest } from '../../shared/requests';

const MAX_PAGE_SIZE = 50;

function requestedCount(context: IExecutePaginationFunctions): number {
	if (context.getNodeParameter('returnAll', false) === true) return Infinity;
	const limit = context.getNodeParameter('limit', 50);
	if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
		throw new NodeOperationError(
			context.getNode(),
			`The "Limit" parameter must be a whole number of at least 1, got ${JSON.stringify(limit)}`,
			{
				description:
					'Set Limit to how many messages to return, or turn on Return All. Nothing was sent to Hex.',
			},
		);
	}
	return limit;
}

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
	const wanted = requestedCount(this);
	const pages: IDataObject[][] = [];
	const seenCursors = new Set<string>();
	let count = 0;
	let before: string | undefined;
	while (count < wanted) {
		const limit = Math.min(MAX_PAGE_SIZE, wanted - count);
		const qs = before === undefined ? { limit } : { limit, before };
		const options = { ...resultOptions.options, qs: { ...resultOptions.options.qs, ...qs } };
		const [page] = await sendHexRequest(this, { ...resultOptions, options });
		const body = (page?.json ?? {}) as IDataObject;
		if (!Array.isArray(body.content)) {
			throw new NodeOperationError(
				this.getNode(),
				'Hex answered without the expected "content" list',
				{
					description:
						'The response did not have the documented shape; nothing more was requested.',
				},
			);
		}
		const content = body.content as IDataObject[];
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
