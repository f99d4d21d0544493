import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

const HEX_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Hex IDs (projects, runs, users, groups, connections…) are UUIDs. */
export function isHexId(value: unknown): value is string {
	return typeof value === 'string' && HEX_ID.test(value);
}

/** Display names of the parameters that fill `{…}` in a route, for error messages. */
const PARAMETER_LABELS: Record<string, string> = {
	cellId: 'Cell',
	collectionId: 'Collection',
	dataConnectionId: 'Data Connection',
	groupId: 'Group',
	orgGuideFileId: 'Guide Draft',
	projectId: 'Project',
	runId: 'Run ID',
	semanticProjectId: 'Semantic Project',
	staticId: 'Cell Static ID',
	threadId: 'Thread',
	userId: 'User',
};

export function parameterLabel(name: string): string {
	return PARAMETER_LABELS[name] ?? name;
}

/** Reads an ID parameter (plain or resource locator) and insists it is a Hex UUID. */
export function readHexId(context: IExecuteSingleFunctions, name: string): string {
	const label = parameterLabel(name);
	let value: unknown;
	try {
		value = context.getNodeParameter(name, undefined, { extractValue: true });
	} catch (error) {
		throw new NodeOperationError(context.getNode(), `The "${label}" parameter could not be read`, {
			description: `${(error as Error).message}. Pick it from the list, or paste its ID or URL.`,
		});
	}
	const id = typeof value === 'string' ? value.trim() : value;
	if (id === undefined || id === null || id === '') {
		throw new NodeOperationError(context.getNode(), `The "${label}" parameter is empty`, {
			description: 'Pick it from the list, or paste its ID or URL. Nothing was sent to Hex.',
		});
	}
	if (!isHexId(id)) {
		throw new NodeOperationError(
			context.getNode(),
			`The "${label}" parameter is not a Hex ID (a UUID): ${JSON.stringify(id)}`,
			{
				description:
					'Hex IDs are UUIDs such as 5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c. Pick it from the list, paste its URL, or check the expression. Nothing was sent to Hex.',
			},
		);
	}
	return id;
}

/** Fills the spec-style placeholders of a route (`/v1/projects/{projectId}`) from node parameters. */
export async function resolvePathParameters(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const url = String(requestOptions.url ?? '');
	requestOptions.url = url.replace(/\{(\w+)\}/g, (_match, name: string) =>
		encodeURIComponent(readHexId(this, name)),
	);
	return requestOptions;
}

/** For IDs that travel in the body (e.g. ExportProject): validated and trimmed like path IDs. */
export function hexIdInBody(name: string) {
	return async function (
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		requestOptions.body = { ...(requestOptions.body as object), [name]: readHexId(this, name) };
		return requestOptions;
	};
}
