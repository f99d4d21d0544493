import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { isResourceLocatorValue, NodeOperationError } from 'n8n-workflow';

import { parseUrl } from './baseUrl';

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

/** `projectId`, or a resource's own name for it (`runProjectId`, `cellProjectId`, …). */
export function parameterLabel(name: string): string {
	if (PARAMETER_LABELS[name] !== undefined) return PARAMETER_LABELS[name];
	const key = Object.keys(PARAMETER_LABELS).find((id) =>
		name.endsWith(id.charAt(0).toUpperCase() + id.slice(1)),
	);
	return key === undefined ? name : PARAMETER_LABELS[key];
}

const HEX_ID_LENGTH = 36;

/** A project's notebook or app link: /<workspace>/hex/<id>/… or /<workspace>/app/<title->id/… */
function idFromProjectLink(url: URL): string | undefined {
	const [, workspace, kind, segment] = url.pathname.split('/');
	if (!workspace || (kind !== 'hex' && kind !== 'app') || segment === undefined) return undefined;
	const id = segment.slice(-HEX_ID_LENGTH);
	const title = segment.slice(0, -HEX_ID_LENGTH);
	return isHexId(id) && (title === '' || title.endsWith('-')) ? id : undefined;
}

/** Any Hex link that carries the ID somewhere after the host, e.g. a connection's settings page. */
function idFromAnyLink(link: string): string | undefined {
	const start = link.indexOf('/', link.indexOf('//') + 2);
	for (let at = start; at >= 0 && at + HEX_ID_LENGTH <= link.length; at++) {
		const candidate = link.slice(at, at + HEX_ID_LENGTH);
		if (isHexId(candidate)) return candidate;
	}
	return undefined;
}

/**
 * The ID a locator's "By URL" mode holds, in plain code: n8n checks a mode's `validation` and
 * `extractValue` patterns with a time-limited regex in node:vm, which fails items on a busy
 * host. Project parameters take project links; the others any Hex link with the ID in it.
 */
export function idFromHexLink(name: string, link: string): string | undefined {
	const url = parseUrl(link.trim());
	if (!url || !['https:', 'http:'].includes(url.protocol)) return undefined;
	return /projectId$/i.test(name) ? idFromProjectLink(url) : idFromAnyLink(link.trim());
}

/**
 * The raw value of an ID parameter: a resource locator's value (its link's ID in "By URL"
 * mode), or the value itself. `badLink` is set when a link carries no ID.
 */
export function hexIdValue(name: string, value: unknown): { id: unknown; badLink?: string } {
	if (!isResourceLocatorValue(value)) return { id: value };
	if (value.mode !== 'url' || typeof value.value !== 'string') return { id: value.value };
	const id = idFromHexLink(name, value.value);
	return id === undefined ? { id: undefined, badLink: value.value.trim() } : { id };
}

/** Reads an ID parameter (plain or resource locator) and insists it is a Hex UUID. */
export function readHexId(context: IExecuteSingleFunctions, name: string): string {
	const label = parameterLabel(name);
	let value: unknown;
	try {
		// Read whole (no extractValue): the locator's mode is checked below, in plain code.
		value = context.getNodeParameter(name, undefined);
	} catch (error) {
		throw new NodeOperationError(context.getNode(), `The "${label}" parameter could not be read`, {
			description: `${(error as Error).message}. Pick it from the list, or paste its ID or URL.`,
		});
	}
	const { id: raw, badLink } = hexIdValue(name, value);
	if (badLink !== undefined) {
		const what = /projectId$/i.test(name) ? 'a Hex project link' : 'a Hex link with an ID in it';
		throw new NodeOperationError(
			context.getNode(),
			`The "${label}" link is not ${what}: ${JSON.stringify(badLink)}`,
			{
				description: /projectId$/i.test(name)
					? 'Paste the link of the project from Hex, such as https://app.hex.tech/acme/hex/5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c/draft/logic, or enter its ID. Nothing was sent to Hex.'
					: 'Paste a Hex link that contains the ID, or enter the ID. Nothing was sent to Hex.',
			},
		);
	}
	const id = typeof raw === 'string' ? raw.trim() : raw;
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
