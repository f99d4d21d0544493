import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { jsonParse } from 'n8n-workflow';

import { fail, readHexIdList } from '../../shared/fieldValues';
import { externalSourceFromFields, externalSourceFromJson } from './externalSource';

/** Files per UpsertGuideDraft request; Hex's own Context Toolkit client sends 20 per call. */
export const GUIDE_BATCH_SIZE = 20;
/** UpsertGuideDraft's documented maximum length of one file's contents. */
const MAX_GUIDE_CONTENTS = 100_000;

/** Get Many Drafts: the External Source filter, sent as the JSON-encoded locator Hex expects. */
export async function externalSourceQuery(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const filter = this.getNodeParameter('filters', {}) as IDataObject;
	if (filter.sourceType === undefined) return requestOptions;
	const where = 'Filter "External Source"';
	const source =
		filter.sourceType === 'json'
			? externalSourceFromJson(this, filter.externalSourceJson ?? '', 'locator', where)
			: externalSourceFromFields(this, filter, 'locator', where);
	if (source === undefined) return requestOptions;
	requestOptions.qs = { ...requestOptions.qs, externalSource: JSON.stringify(source) };
	return requestOptions;
}

function fileFromRow(context: IExecuteSingleFunctions, row: IDataObject, where: string) {
	const file: IDataObject = {
		filePath: typeof row.filePath === 'string' ? row.filePath.trim() : row.filePath,
		contents: row.contents ?? '',
	};
	// The repository path defaults to the guide's file path.
	const path = typeof row.path === 'string' && row.path.trim() !== '' ? row.path : row.filePath;
	const source = externalSourceFromFields(
		context,
		{ ...row, sourceType: row.externalSource, path: typeof path === 'string' ? path : undefined },
		'file',
		where,
	);
	if (source) file.externalSource = source;
	return file;
}

function filesFromJson(context: IExecuteSingleFunctions): IDataObject[] {
	const raw = context.getNodeParameter('filesJson', '[]') as unknown;
	let value: unknown = raw;
	if (typeof raw === 'string') {
		try {
			value = jsonParse(raw.trim() === '' ? '[]' : raw);
		} catch (error) {
			fail(
				context,
				'The "Files (JSON)" parameter is not valid JSON',
				`${(error as Error).message}. Enter a list such as [{"filePath": "guide.md", "contents": "# Guide"}].`,
			);
		}
	}
	const list = Array.isArray(value) ? value : [value];
	return list.map((entry, index) => {
		const where = `File ${index + 1} of "Files (JSON)"`;
		if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
			fail(
				context,
				`${where} is not an object`,
				'Each file is an object such as {"filePath": "guide.md", "contents": "# Guide"}.',
			);
		}
		const { filePath, contents, externalSource } = entry as IDataObject;
		const file: IDataObject = {
			filePath: typeof filePath === 'string' ? filePath.trim() : filePath,
			contents,
		};
		if (externalSource !== undefined && externalSource !== null) {
			file.externalSource = externalSourceFromJson(
				context,
				externalSource,
				'file',
				`${where}: "externalSource"`,
			);
		}
		return file;
	});
}

/** Every file of this item (fields or JSON), checked against what Hex documents. */
export function readGuideFiles(context: IExecuteSingleFunctions): IDataObject[] {
	const mode = context.getNodeParameter('filesFrom', 'fields') as string;
	const files =
		mode === 'json'
			? filesFromJson(context)
			: (context.getNodeParameter('files.file', []) as IDataObject[]).map((row, index) =>
					fileFromRow(context, row, `File ${index + 1}`),
				);
	if (files.length === 0) {
		fail(
			context,
			'No guide files to write',
			mode === 'json'
				? 'Enter at least one file in "Files (JSON)".'
				: 'Add at least one file under "Files".',
		);
	}
	const seen = new Set<string>();
	files.forEach((file, index) => {
		const where = `File ${index + 1}`;
		if (typeof file.filePath !== 'string' || file.filePath === '') {
			fail(context, `${where} has no "File Path"`, 'Enter the guide’s path, e.g. "guide.md".');
		}
		if (typeof file.contents !== 'string') {
			fail(
				context,
				`${where} ("${file.filePath}"): "Contents" must be text, got ${Array.isArray(file.contents) ? 'a list' : typeof file.contents}`,
				'Hex stores guide files as text (Markdown).',
			);
		}
		if (file.contents.length > MAX_GUIDE_CONTENTS) {
			fail(
				context,
				`${where} ("${file.filePath}"): "Contents" has ${file.contents.length} characters, more than Hex’s maximum of ${MAX_GUIDE_CONTENTS}`,
				'Split the guide into several files.',
			);
		}
		if (seen.has(file.filePath)) {
			fail(
				context,
				`${where}: the file path "${file.filePath}" is given twice`,
				'Keep one entry per guide file.',
			);
		}
		seen.add(file.filePath);
	});
	return files;
}

/** The request body for one batch of files (Force Write only when set). */
export function upsertBody(context: IExecuteSingleFunctions, files: IDataObject[]): IDataObject {
	const { forceWrite } = context.getNodeParameter('options', {}) as IDataObject;
	return typeof forceWrite === 'boolean' ? { files, forceWrite } : { files };
}

/** Create or Update Draft: validates every file, then sends the first batch (the rest follow). */
export async function buildUpsertDraftBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const files = readGuideFiles(this);
	requestOptions.body = upsertBody(this, files.slice(0, GUIDE_BATCH_SIZE));
	return requestOptions;
}

/** Publish Drafts: either every draft, or the given guide files (never both). */
export async function buildPublishBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	if (this.getNodeParameter('publish', 'selected') === 'all') {
		requestOptions.body = { publishAllDraftGuides: true };
		return requestOptions;
	}
	const ids = readHexIdList(
		this,
		this.getNodeParameter('orgGuideFileIds', ''),
		(invalid) => `The "Guide Draft IDs" parameter has an invalid ID: "${invalid}"`,
		'Guide file IDs are UUIDs; separate several with commas.',
		{ unique: true },
	);
	if (ids.length === 0) {
		fail(
			this,
			'The "Guide Draft IDs" parameter is empty',
			'Enter the IDs of the guide files to publish (comma-separated), or set "Publish" to "All Drafts".',
		);
	}
	requestOptions.body = { orgGuideFileIds: ids };
	return requestOptions;
}
