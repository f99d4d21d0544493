import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	INodeExecutionData,
	NodeApiError,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { chunks } from '../../shared/fieldValues';
import { readHexId } from '../../shared/pathParameters';
import { bodyOf, sendToHex, withSentence } from '../../shared/hexRequest';
import { GUIDE_BATCH_SIZE, readGuideFiles, upsertBody } from './guideRequests';

/** DeleteGuideDraft answers 204 with no body; say what was deleted instead of an empty item. */
export async function deletedGuideDraft(
	this: IExecuteSingleFunctions,
): Promise<INodeExecutionData[]> {
	return [{ json: { deleted: true, orgGuideFileId: readHexId(this, 'orgGuideFileId') } }];
}

interface BatchResult {
	files: IDataObject[];
	warnings: IDataObject[];
	traceId?: string;
}

function asBatchResult({ files, warnings, traceId }: IDataObject): BatchResult | undefined {
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

/** A later batch's failure, saying which batch failed and what earlier batches wrote. */
function batchError(
	error: NodeApiError | NodeOperationError,
	batch: number,
	batches: number,
	written: IDataObject[],
): NodeApiError | NodeOperationError {
	error.message = `Batch ${batch} of ${batches}: ${error.message}`;
	error.description = [error.description, writtenSoFar(written), 'No later batch was sent.']
		.filter(Boolean)
		.join('\n');
	return error;
}

/**
 * Create or Update Draft: every file was checked before sending; they go in batches of
 * GUIDE_BATCH_SIZE, one request after the other, through the node's request runner (a write:
 * a 429 is waited for and retried, nothing else is sent twice). One batch outputs Hex's answer;
 * several output every file and warning, and the trace ID of each batch in `traceIds`.
 */
export async function upsertInBatches(
	this: IExecutePaginationFunctions,
	resultOptions: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const batches = chunks(readGuideFiles(this), GUIDE_BATCH_SIZE);
	const send = async (body?: IDataObject) =>
		bodyOf(
			this,
			await sendToHex(
				this,
				body === undefined ? resultOptions.options : { ...resultOptions.options, body },
				{ signal: this.getExecutionCancelSignal() },
			),
		);
	if (batches.length <= 1) return [{ json: await send() }];
	const merged: BatchResult = { files: [], warnings: [] };
	const traceIds: Array<string | undefined> = [];
	for (const [index, files] of batches.entries()) {
		let answer: IDataObject;
		try {
			answer = await send(upsertBody(this, files));
		} catch (error) {
			if (index === 0) throw withSentence(this, error);
			throw batchError(withSentence(this, error), index + 1, batches.length, merged.files);
		}
		const result = asBatchResult(answer);
		if (!result) {
			if (index === 0) {
				traceIds.push(undefined);
				continue;
			}
			throw batchError(
				new NodeOperationError(this.getNode(), 'Hex answered without the documented "files" list'),
				index + 1,
				batches.length,
				merged.files,
			);
		}
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
