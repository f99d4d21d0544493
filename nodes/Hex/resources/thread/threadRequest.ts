import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { fail, readHexIdList, splitList } from '../../shared/fieldValues';
import { hexIdValue, isHexId } from '../../shared/pathParameters';

function readPrompt(context: IExecuteSingleFunctions): string {
	const prompt = context.getNodeParameter('prompt', '') as unknown;
	if (typeof prompt !== 'string' || prompt.trim() === '') {
		fail(
			context,
			'The "Prompt" parameter is empty',
			'Enter the question or task for the Hex agent.',
		);
	}
	return prompt;
}

/** The Attachments collection as Hex's `attachments` object, or undefined when nothing is set. */
function readAttachments(context: IExecuteSingleFunctions): IDataObject | undefined {
	const fields = context.getNodeParameter('attachments', {}) as IDataObject;
	const attachments: IDataObject = {};
	const dataConnectionId = String(fields.dataConnectionId ?? '').trim();
	if (dataConnectionId !== '') {
		if (!isHexId(dataConnectionId)) {
			fail(
				context,
				`"Data Connection ID" is not a Hex ID: "${dataConnectionId}"`,
				'Hex IDs are UUIDs such as 5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c.',
			);
		}
		attachments.dataConnectionId = dataConnectionId;
	}
	const projectIds = readHexIdList(
		context,
		fields.projectIds,
		(invalid) => `"Project IDs" has an invalid Hex ID: "${invalid}"`,
		'Hex IDs are UUIDs such as 5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c; separate several with commas.',
		{ unique: false },
	);
	if (projectIds.length) attachments.projectIds = projectIds;
	// Hex does not say what these IDs look like, so they are only split and trimmed.
	for (const name of ['tableIds', 'semanticDatasetIds', 'semanticViewIds']) {
		const ids = splitList(fields[name]);
		if (ids.length) attachments[name] = ids;
	}
	return Object.keys(attachments).length ? attachments : undefined;
}

function readOptionalProjectId(context: IExecuteSingleFunctions): string | undefined {
	const { id: value, badLink } = hexIdValue(
		'projectId',
		context.getNodeParameter('threadAdditionalFields.projectId', ''),
	);
	const id = typeof value === 'string' ? value.trim() : value;
	if (badLink !== undefined) {
		fail(
			context,
			`The "Project" link is not a Hex project link: ${JSON.stringify(badLink)}`,
			'Paste the link of the project from Hex, or enter its ID (a UUID).',
		);
	}
	if (id === undefined || id === null || id === '') return undefined;
	if (!isHexId(id)) {
		fail(
			context,
			`The "Project" parameter is not a Hex ID (a UUID): ${JSON.stringify(id)}`,
			'Pick the project from the list, paste its link, or enter its ID (a UUID).',
		);
	}
	return id;
}

/** The prompt and its attachments, as Create and Continue send them. */
function promptBody(context: IExecuteSingleFunctions): IDataObject {
	const body: IDataObject = { prompt: readPrompt(context) };
	const attachments = readAttachments(context);
	if (attachments) body.attachments = attachments;
	return body;
}

/** CreateThread's body: prompt, attachments, and the additional fields that were set. */
export async function buildCreateThreadBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const body = promptBody(this);
	const fields = this.getNodeParameter('threadAdditionalFields', {}) as IDataObject;
	const previewId = String(fields.previewId ?? '').trim();
	if (previewId !== '') body.previewId = previewId;
	const projectId = readOptionalProjectId(this);
	if (projectId !== undefined && fields.newProject === true) {
		fail(
			this,
			'Use either "Project" or "New Project", not both',
			'A thread works on an existing project or creates a new one. Remove the project, or turn New Project off.',
		);
	}
	if (projectId !== undefined) body.projectId = projectId;
	if (fields.newProject === true) body.newProject = true;
	if (typeof fields.muted === 'boolean') body.muted = fields.muted;
	requestOptions.body = body;
	return requestOptions;
}

/** ContinueThread's body: the follow-up prompt and its attachments. */
export async function buildContinueThreadBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	requestOptions.body = promptBody(this);
	return requestOptions;
}

/**
 * ListThreads' filters. Roles, warnings, topic IDs and resource IDs go as one comma-separated
 * value each (as Hex's spec describes them), not as repeated keys; empty filters are not sent.
 */
export async function sendThreadFilters(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const filters = this.getNodeParameter('filters', {}) as IDataObject;
	const qs: IDataObject = {};
	for (const name of ['source', 'type']) {
		if (typeof filters[name] === 'string' && filters[name] !== '') qs[name] = filters[name];
	}
	const userId = String(filters.userId ?? '').trim();
	if (userId !== '') {
		if (!isHexId(userId)) {
			fail(
				this,
				`"User ID" is not a Hex ID: "${userId}"`,
				'Hex user IDs are UUIDs such as 5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c.',
			);
		}
		qs.userId = userId;
	}
	if (filters.numDays !== undefined) {
		const days = filters.numDays;
		if (typeof days !== 'number' || !Number.isInteger(days) || days < 1) {
			fail(
				this,
				`"Number of Days" must be a whole number of at least 1, got ${JSON.stringify(days)}`,
				'Enter how many days back to list threads from, e.g. 7.',
			);
		}
		qs.numDays = days;
	}
	if (typeof filters.hasFeedback === 'boolean') qs.hasFeedback = filters.hasFeedback;
	for (const name of ['roles', 'warnings', 'topicIds', 'resourceIds']) {
		const values = splitList(filters[name]);
		if (values.length) qs[name] = values.join(',');
	}
	requestOptions.qs = { ...requestOptions.qs, ...qs };
	return requestOptions;
}
