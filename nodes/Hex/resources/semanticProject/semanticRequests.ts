import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { fail } from '../../shared/fieldValues';

/** The multipart field of the zip; Hex documents only that a zip is sent, not the field name. */
export const DEFAULT_ZIP_FIELD = 'file';
const INGEST_FLAGS = ['dryRun', 'verbose', 'debug'];
// Local file header, empty archive, spanned archive.
const ZIP_SIGNATURES = ['504b0304', '504b0506', '504b0708'];

/**
 * Ingest: the zip as a multipart file part, the flags set as "true"/"false" form fields. The JSON
 * content type is removed so the HTTP client sets multipart/form-data with its boundary.
 */
export async function buildIngestForm(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const field = String(this.getNodeParameter('binaryPropertyName', 'data') ?? '').trim();
	if (field === '') {
		fail(
			this,
			'The "Input Binary Field" parameter is empty',
			'Enter the binary field that holds the zip, e.g. "data".',
		);
	}
	const binary = this.getInputData().binary ?? {};
	const metadata = binary[field];
	if (!metadata) {
		const present = Object.keys(binary);
		fail(
			this,
			`The input item has no binary field "${field}" (Input Binary Field)`,
			present.length
				? `Its binary fields are: ${present.join(', ')}. Set "Input Binary Field" to the one with the zip.`
				: 'It has no binary data at all. Read the zip first, e.g. with Read/Write Files from Disk or HTTP Request.',
		);
	}
	const data = await this.helpers.getBinaryDataBuffer(field);
	if (!ZIP_SIGNATURES.includes(data.subarray(0, 4).toString('hex'))) {
		fail(
			this,
			`The binary field "${field}" (Input Binary Field) is not a zip file`,
			`Hex ingests a semantic project as a .zip archive; ${metadata.fileName ?? 'the file'} (${metadata.mimeType}) does not start like one.`,
		);
	}
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const fileField = String(options.zipFieldName ?? '').trim() || DEFAULT_ZIP_FIELD;
	const form = new FormData();
	for (const flag of INGEST_FLAGS) {
		if (typeof options[flag] === 'boolean') form.append(flag, String(options[flag]));
	}
	const fileName = metadata.fileName?.trim() || 'semantic-project.zip';
	form.append(fileField, new Blob([new Uint8Array(data)], { type: 'application/zip' }), fileName);
	const headers = { ...requestOptions.headers };
	for (const name of Object.keys(headers)) {
		if (name.toLowerCase() === 'content-type') delete headers[name];
	}
	return { ...requestOptions, headers, body: form as unknown as IDataObject };
}

/** Update: the status changes of datasets and views, all applied or none (Hex's semantics). */
export async function buildSemanticUpdateBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const rows = this.getNodeParameter('semanticUpdates.update', []) as IDataObject[];
	if (rows.length === 0) {
		fail(this, 'No updates given', 'Add at least one dataset or view under "Updates".');
	}
	const seen = new Set<string>();
	const updates = rows.map((row, index) => {
		const where = `Update ${index + 1}`;
		const type = row.type === 'VIEW' ? 'VIEW' : 'DATASET';
		const name = typeof row.name === 'string' ? row.name.trim() : '';
		if (name === '') {
			fail(this, `${where} has no "Name"`, 'Enter the name of the dataset or view.');
		}
		const key = `${type}:${name}`;
		if (seen.has(key)) {
			fail(
				this,
				`${where}: ${type.toLowerCase()} "${name}" is given twice`,
				'Keep one update per dataset or view.',
			);
		}
		seen.add(key);
		if (row.statusAction === 'remove') return { type, name, status: null };
		const status = typeof row.status === 'string' ? row.status.trim() : '';
		if (status === '') {
			fail(
				this,
				`${where} (${name}): "Status" is empty`,
				'Enter the name of a status defined in the workspace, or set "Status Action" to "Remove Status".',
			);
		}
		return { type, name, status };
	});
	requestOptions.body = { updates };
	return requestOptions;
}
