import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { fail, refuseEmptyUpdate } from '../../shared/fieldValues';
import { isHexId, readHexId } from '../../shared/pathParameters';
import { CELL_PROJECT_ID, NEW_DATA_CONNECTION_ID, SQL_DATA_CONNECTION_ID } from './cellLocator';

/** The `contents` key of each cell type Hex can create and update. */
const CONTENTS_KEYS: Record<string, string> = {
	CODE: 'codeCell',
	MARKDOWN: 'markdownCell',
	SQL: 'sqlCell',
};

function contentsKey(context: IExecuteSingleFunctions): string {
	const cellType = String(context.getNodeParameter('cellType', ''));
	const key = CONTENTS_KEYS[cellType];
	if (!key) {
		fail(
			context,
			`The "Cell Type" parameter must be Code, Markdown or SQL, got ${JSON.stringify(cellType)}`,
			'Hex creates and edits the source of these three cell types only.',
		);
	}
	return key;
}

/** A trimmed optional text field of a collection; undefined when empty. */
function optionalText(fields: IDataObject, name: string): string | undefined {
	const text = String(fields[name] ?? '').trim();
	return text === '' ? undefined : text;
}

/** An optional cell ID of a collection, checked like path IDs. */
function optionalCellId(
	context: IExecuteSingleFunctions,
	fields: IDataObject,
	name: string,
	label: string,
): string | undefined {
	const id = optionalText(fields, name);
	if (id !== undefined && !isHexId(id)) {
		fail(
			context,
			`The "${label}" field is not a Hex cell ID: ${JSON.stringify(id)}`,
			'Cell IDs are UUIDs such as 5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c (see Cell → Get Many).',
		);
	}
	return id;
}

/** Get Many: the project travels as the required `projectId` query parameter. */
export async function projectIdInQuery(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	requestOptions.qs = { ...requestOptions.qs, projectId: readHexId(this, CELL_PROJECT_ID) };
	return requestOptions;
}

/** The SQL cell's query target on Create: a data connection, other dataframes, or nothing. */
function sqlTarget(context: IExecuteSingleFunctions): IDataObject {
	const target = context.getNodeParameter('sqlSource', 'connection') as string;
	if (target === 'connection')
		return { dataConnectionId: readHexId(context, SQL_DATA_CONNECTION_ID) };
	if (target === 'dataframes') return { isDataframeSql: true };
	return {};
}

/** Create: CreateCell's body, with `contents` under the key that matches the cell type. */
export async function buildCreateCellBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const projectId = readHexId(this, CELL_PROJECT_ID);
	const key = contentsKey(this);
	const source = String(this.getNodeParameter('source', '') ?? '');
	const fields = this.getNodeParameter('cellAdditionalFields', {}) as IDataObject;
	const cell: IDataObject = { source };
	if (key === 'sqlCell') {
		Object.assign(cell, sqlTarget(this));
		const outputDataframe = optionalText(fields, 'outputDataframe');
		if (outputDataframe !== undefined) cell.outputDataframe = outputDataframe;
	}
	const body: IDataObject = {
		projectId,
		cellType: this.getNodeParameter('cellType') as string,
		contents: { [key]: cell },
	};
	const label = optionalText(fields, 'label');
	if (label !== undefined) body.label = label;
	const location: IDataObject = {};
	const insertAfterCellId = optionalCellId(
		this,
		fields,
		'insertAfterCellId',
		'Insert After Cell ID',
	);
	const parentCellId = optionalCellId(this, fields, 'parentCellId', 'Parent Cell ID');
	if (insertAfterCellId !== undefined) location.insertAfterCellId = insertAfterCellId;
	if (parentCellId !== undefined) location.parentCellId = parentCellId;
	if (typeof fields.childPosition === 'string' && fields.childPosition !== '') {
		if (parentCellId === undefined) {
			fail(
				this,
				'"Child Position" needs a "Parent Cell ID"',
				'Child Position places the cell first or last inside a section: add the ID of that section (parent) cell, or remove Child Position.',
			);
		}
		location.childPosition = fields.childPosition;
	}
	if (Object.keys(location).length > 0) body.location = location;
	requestOptions.body = body;
	return requestOptions;
}

/** Update: UpdateCell's body; only what the user chose to change, and something must change. */
export async function buildUpdateCellBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const key = contentsKey(this);
	const fields = this.getNodeParameter('cellUpdateFields', {}) as IDataObject;
	const body: IDataObject = {};
	const hasSource = fields.source !== undefined && fields.source !== null;
	const source = hasSource ? String(fields.source) : undefined;
	if (source !== undefined && source.trim() === '') {
		fail(
			this,
			'The "Source" field is empty',
			'An empty source would wipe the cell (an expression that resolved to nothing?). Enter the new source, or remove the Source field to keep the current one.',
		);
	}
	const outputDataframe = key === 'sqlCell' ? optionalText(fields, 'outputDataframe') : undefined;
	if (outputDataframe !== undefined && source === undefined) {
		fail(
			this,
			'"Output Dataframe" needs "Source" too',
			'Hex changes the output dataframe of a SQL cell only together with its source: add Source (the current SQL if it stays the same).',
		);
	}
	if (source !== undefined) {
		const cell: IDataObject = { source };
		if (outputDataframe !== undefined) cell.outputDataframe = outputDataframe;
		body.contents = { [key]: cell };
	}
	if (key === 'sqlCell') {
		const action = this.getNodeParameter('dataConnectionAction', 'keep') as string;
		if (action === 'set') body.dataConnectionId = readHexId(this, NEW_DATA_CONNECTION_ID);
		if (action === 'detach') body.dataConnectionId = null;
	}
	refuseEmptyUpdate(
		this,
		body,
		key === 'sqlCell'
			? 'Add Source (and Output Dataframe) under Update Fields, or choose a Data Connection action.'
			: 'Add Source under Update Fields.',
	);
	requestOptions.body = body;
	return requestOptions;
}
