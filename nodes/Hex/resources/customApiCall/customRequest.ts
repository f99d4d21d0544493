import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';
import { jsonParse } from 'n8n-workflow';

import { fail } from '../../shared/fieldValues';

export const METHODS = ['DELETE', 'GET', 'PATCH', 'POST', 'PUT'];
const hasControlCharacter = (text: string) =>
	[...text].some((character) => {
		const code = character.charCodeAt(0);
		return code < 0x20 || code === 0x7f;
	});

// What could leave /v1/ or smuggle in a query, fragment or another host, and how to name it.
const FORBIDDEN: Array<[(path: string) => boolean, string]> = [
	[(path) => path.includes('..'), '".."'],
	[(path) => /%2e/i.test(path), 'an encoded dot (%2E)'],
	[(path) => /%2f|%5c/i.test(path), 'an encoded slash (%2F or %5C)'],
	[(path) => path.includes('\\'), 'a backslash'],
	[(path) => path.includes('?'), '"?" (use Query Parameters instead)'],
	[(path) => path.includes('#'), '"#"'],
	[(path) => /\s/.test(path) || hasControlCharacter(path), 'spaces or control characters'],
	[(path) => /:\/\/|^[a-z][a-z0-9+.-]*:/i.test(path), 'a scheme or host'],
	[(path) => path.includes('//'), '"//"'],
];

function readPath(context: IExecuteSingleFunctions): string {
	const raw = context.getNodeParameter('path', '') as unknown;
	const path = typeof raw === 'string' ? raw.trim() : '';
	const example = 'Enter a Hex API route such as /v1/users/me.';
	if (path === '') fail(context, 'The "Path" parameter is empty', example);
	for (const [found, what] of FORBIDDEN) {
		if (found(path)) fail(context, `The "Path" parameter must not contain ${what}`, example);
	}
	if (!path.startsWith('/v1/')) {
		fail(
			context,
			`The "Path" parameter must start with /v1/, got ${JSON.stringify(path)}`,
			`${example} The host comes from the Hex API credential.`,
		);
	}
	return path;
}

function readQuery(context: IExecuteSingleFunctions): IDataObject {
	const pairs = context.getNodeParameter('queryParameters.parameter', []) as Array<{
		name?: unknown;
		value?: unknown;
	}>;
	const qs: Record<string, unknown> = {};
	pairs.forEach((pair, index) => {
		const name = String(pair.name ?? '').trim();
		if (name === '') {
			fail(
				context,
				`Query parameter ${index + 1} has no name`,
				'Enter the name of the query parameter, or remove the empty row.',
			);
		}
		const value = pair.value ?? '';
		const previous = qs[name];
		qs[name] =
			previous === undefined
				? value
				: [...(Array.isArray(previous) ? previous : [previous]), value];
	});
	return qs as IDataObject;
}

function readBody(context: IExecuteSingleFunctions, method: string): unknown {
	if (method === 'GET') return undefined;
	const raw = context.getNodeParameter('jsonBody', '') as unknown;
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
		return undefined;
	}
	let value: unknown = raw;
	if (typeof raw === 'string') {
		try {
			value = jsonParse(raw);
		} catch (error) {
			fail(
				context,
				'The "JSON Body" parameter is not valid JSON',
				`${(error as Error).message}. Enter a JSON object such as {"title": "Churn Review"}, or leave it empty.`,
			);
		}
	}
	if (value === null || typeof value !== 'object') {
		fail(
			context,
			'The "JSON Body" parameter must be a JSON object or array',
			`Got ${value === null ? 'null' : typeof value}. Enter a JSON object such as {"title": "Churn Review"}, or leave it empty.`,
		);
	}
	return value;
}

/** Checks the path, query and body, then points the request at the route the user gave. */
export async function buildCustomRequest(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const method = String(requestOptions.method ?? 'GET').toUpperCase();
	if (!METHODS.includes(method)) {
		fail(this, `The "Method" parameter must be one of ${METHODS.join(', ')}`, `Got ${method}.`);
	}
	requestOptions.url = readPath(this);
	requestOptions.qs = { ...requestOptions.qs, ...readQuery(this) };
	const body = readBody(this, method);
	if (body === undefined) delete requestOptions.body;
	else if (Object.keys(body as object).length === 0) {
		// n8n's HTTP helper drops an empty object or array; as text it is sent as given.
		requestOptions.body = JSON.stringify(body);
		requestOptions.headers = { ...requestOptions.headers, 'content-type': 'application/json' };
	} else requestOptions.body = body as IDataObject;
	return requestOptions;
}

/** One item per answer (per element of an array answer); a 204 says it succeeded. */
export async function customCallOutput(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	if (response.statusCode === 204) return [{ json: { success: true } }];
	const body = response.body as unknown;
	const values = Array.isArray(body) ? body : [body];
	return values.map((value) => ({
		json:
			value !== null && typeof value === 'object' && !Array.isArray(value)
				? (value as IDataObject)
				: { value: value as IDataObject[keyof IDataObject] },
	}));
}
