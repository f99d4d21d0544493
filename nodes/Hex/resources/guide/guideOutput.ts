import type {
	IDataObject,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { describeHexError, readHexError } from '../../shared/errors';
import { readHexId } from '../../shared/pathParameters';
import { retryAfterMs } from '../../shared/polling';
import { REQUEST_HANDLING_DEFAULTS } from '../../shared/requests';
import { HEX_CREDENTIAL_TYPE } from '../../shared/transport';
import { GUIDE_BATCH_SIZE, readGuideFiles, upsertBody } from './guideRequests';

/** DeleteGuideDraft answers 204 with no body; say what was deleted instead of an empty item. */
export async function deletedGuideDraft(
	this: IExecuteSingleFunctions,
): Promise<INodeExecutionData[]> {
	return [{ json: { deleted: true, orgGuideFileId: readHexId(this, 'orgGuideFileId') } }];
}

function chunks<T>(list: T[], size: number): T[][] {
	const result: T[][] = [];
	for (let start = 0; start < list.length; start += size)
		result.push(list.slice(start, start + size));
	return result;
}

interface BatchResult {
	files: IDataObject[];
	warnings: IDataObject[];
	traceId?: string;
}

function asBatchResult(body: unknown): BatchResult | undefined {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const { files, warnings, traceId } = body as IDataObject;
	if (!Array.isArray(files)) return undefined;
	return {
		files: files as IDataObject[],
		warnings: Array.isArray(warnings) ? (warnings as IDataObject[]) : [],
		traceId: typeof traceId === 'string' ? traceId : undefined,
	};
}

function writtenSoFar(written: IDataObject[]): string {
	if (written.length === 0) return 'No file was written.';
	const paths = written.map((file) => String(file.filePath));
	const shown = paths.slice(0, 10).join(', ');
	return `${written.length} file(s) were already written: ${shown}${paths.length > 10 ? ', …' : ''}. Writing them again is safe (their drafts are updated).`;
}

function batchError(
	context: IExecuteSingleFunctions,
	batch: number,
	batches: number,
	written: IDataObject[],
	found: { message: string; description?: string; httpCode?: string },
): NodeApiError {
	return new NodeApiError(
		context.getNode(),
		{ message: found.message },
		{
			message: `Batch ${batch} of ${batches}: ${found.message}`,
			description: [found.description, writtenSoFar(written), 'No later batch was sent.']
				.filter(Boolean)
				.join('\n'),
			httpCode: found.httpCode,
		},
	);
}

/**
 * Sends one later batch with the policy of the node's request runner for a write: a 429 is
 * waited for and retried (Hex did nothing), anything else fails without sending it again.
 */
async function sendBatch(
	context: IExecuteSingleFunctions,
	body: IDataObject,
	position: { batch: number; batches: number; written: IDataObject[] },
): Promise<BatchResult> {
	const handling = {
		...REQUEST_HANDLING_DEFAULTS,
		...(context.getNodeParameter('requestHandling', {}) as IDataObject),
	};
	const maxRetries = Math.max(0, Math.floor(Number(handling.maxRetries) || 0));
	const maxWaitMs = Math.max(1, Number(handling.maxRetryWait) || 60) * 1000;
	const fault = (found: { message: string; description?: string; httpCode?: string }) =>
		batchError(context, position.batch, position.batches, position.written, found);
	for (let attempt = 0; ; attempt++) {
		let response: IN8nHttpFullResponse;
		try {
			response = (await context.helpers.httpRequestWithAuthentication.call(
				context,
				HEX_CREDENTIAL_TYPE,
				{
					method: 'PUT',
					url: '/v1/guides/draft',
					body,
					json: true,
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
					timeout: Math.max(1, Number(handling.timeout) || 120) * 1000,
				},
			)) as IN8nHttpFullResponse;
		} catch (error) {
			throw fault({
				message: (error as Error).message,
				description:
					'The request may have reached Hex, so it was not sent again. Check the drafts in Hex before running it again.',
			});
		}
		if (response.statusCode === 429 && handling.retryOnRateLimit !== false) {
			const asked = retryAfterMs(response.headers as IDataObject);
			const wait = asked ?? Math.min(1000 * 2 ** attempt, maxWaitMs);
			if (attempt < maxRetries && wait <= maxWaitMs) {
				await sleep(wait);
				continue;
			}
		}
		if (response.statusCode >= 400) {
			const details = readHexError(
				response.statusCode,
				response.body,
				response.headers as IDataObject,
			);
			const { message, description } = describeHexError(details);
			throw fault({ message, description, httpCode: String(details.status) });
		}
		const result = asBatchResult(response.body);
		if (!result) {
			throw fault({
				message: `Hex answered ${response.statusCode} without the documented "files" list`,
				httpCode: String(response.statusCode),
			});
		}
		return result;
	}
}

/**
 * Create or Update Draft: the routed request carried the first batch of files; the rest follow
 * here, one request per batch, and the item shows every file and warning. `traceIds` lists
 * the trace ID of each batch when there was more than one.
 */
export async function upsertRemainingBatches(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const batches = chunks(readGuideFiles(this), GUIDE_BATCH_SIZE);
	if (batches.length <= 1 || items.length === 0) return items;
	const first = asBatchResult(items[0].json) ?? { files: [], warnings: [] };
	const merged: BatchResult = { files: [...first.files], warnings: [...first.warnings] };
	const traceIds = [first.traceId];
	for (let index = 1; index < batches.length; index++) {
		const result = await sendBatch(this, upsertBody(this, batches[index]), {
			batch: index + 1,
			batches: batches.length,
			written: merged.files,
		});
		merged.files.push(...result.files);
		merged.warnings.push(...result.warnings);
		traceIds.push(result.traceId);
	}
	return [
		{
			json: {
				files: merged.files,
				warnings: merged.warnings,
				traceId: traceIds[traceIds.length - 1] ?? null,
				traceIds: traceIds.filter((id): id is string => id !== undefined),
			},
		},
	];
}
