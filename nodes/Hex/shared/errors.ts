import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { HEX_CREDENTIAL_TYPE, resolveHexApiBaseUrl } from './baseUrl';

/** What Hex said, read from either error envelope, a bare-text body or a non-JSON page. */
export interface HexErrorDetails {
	status: number;
	code?: string;
	message: string;
	issues: string[];
	traceId?: string;
}

const HINTS: Record<number, string> = {
	400: 'Hex rejected the request as invalid. Check the fields named above.',
	403: 'The token is valid but may not do this: check the token scopes (workspace tokens) or the user’s role and access in Hex.',
	404: 'Not found: check the ID, and that the token’s user can see the resource.',
	409: 'Hex reported a conflict with the current state of the resource.',
	422: 'Hex could not process the request: for runs, the project may not be published or an input name may not exist in the published app.',
	429: 'Hex rate limit reached (about 30 requests per minute on most routes). Wait a minute, or lower the batch size under Options.',
	500: 'Hex had an internal error. Try again later; quote the trace ID to Hex support if it persists.',
	502: 'Hex is temporarily unreachable (bad gateway). Try again later.',
	503: 'Hex is unavailable. For Run → Start this usually means the workspace’s 25-kernel limit was reached and no run was created; start it again later.',
	504: 'Hex did not answer in time (gateway timeout). Try again later.',
};

function asText(value: unknown): string | undefined {
	if (typeof value === 'string' && value.trim() !== '') return value.trim();
	return undefined;
}

function detailsToIssues(details: unknown): string[] {
	if (Array.isArray(details)) {
		return details.map((detail) => {
			if (detail && typeof detail === 'object') {
				const { name, type, reason, message } = detail as IDataObject;
				const subject = [type, name].filter((part) => part !== undefined).join(' ');
				const text = asText(message) ?? asText(reason) ?? JSON.stringify(detail);
				return subject ? `${subject}: ${text}` : text;
			}
			return String(detail);
		});
	}
	const text = asText(details);
	return text ? [text] : [];
}

function parseBody(body: unknown): unknown {
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body);
	} catch {
		return body;
	}
}

function headerValue(headers: IDataObject | undefined, name: string): string | undefined {
	const key = Object.keys(headers ?? {}).find((candidate) => candidate.toLowerCase() === name);
	return key ? asText(headers?.[key]) : undefined;
}

export function readHexError(
	status: number,
	rawBody: unknown,
	headers?: IDataObject,
): HexErrorDetails {
	const body = parseBody(rawBody);
	const traceHeader = headerValue(headers, 'x-trace-id');
	if (body && typeof body === 'object' && !Array.isArray(body)) {
		const envelope = body as IDataObject;
		const issues = [
			...(Array.isArray(envelope.issues)
				? envelope.issues.map((issue) =>
						issue && typeof issue === 'object'
							? String((issue as IDataObject).message ?? JSON.stringify(issue))
							: String(issue),
					)
				: []),
			...detailsToIssues(envelope.details),
		];
		return {
			status,
			code: asText(envelope.code),
			message: asText(envelope.message) ?? asText(envelope.reason) ?? `HTTP ${status}`,
			issues,
			traceId: asText(envelope.traceId) ?? traceHeader,
		};
	}
	const text = asText(body);
	// An HTML error page from a proxy is noise; keep only short plain-text bodies such as "Unauthorized".
	const plain = text && !text.startsWith('<') && text.length <= 300 ? text : undefined;
	return { status, message: plain ?? `HTTP ${status}`, issues: [], traceId: traceHeader };
}

/** Where the credential sends requests: a 401's hint names what the user actually set. */
export interface HexCredentialTarget {
	apiRoot: string;
	byBaseUrl: boolean;
}

export function hexErrorHint(status: number, target?: HexCredentialTarget): string | undefined {
	if (status !== 401) return HINTS[status] ?? (status >= 500 ? HINTS[500] : undefined);
	if (target?.byBaseUrl) {
		return `Wrong or expired token, or a token that the API behind the Base URL override (${target.apiRoot}) does not accept: check the Hex API credential. The Subdomain is not used while Base URL is set.`;
	}
	const where = target ? ` (requests go to ${target.apiRoot})` : '';
	return `Wrong token, expired token, or wrong subdomain/region${where}: check the Hex API credential.`;
}

/** Any context that can read the Hex credential (operations, pickers, the trigger). */
interface CredentialReader {
	getCredentials(type: string): Promise<ICredentialDataDecryptedObject>;
}

/** The credential's target, read only for a 401 (the one answer whose hint depends on it). */
export async function credentialTargetFor(
	context: CredentialReader,
	status: number,
): Promise<HexCredentialTarget | undefined> {
	return status === 401 ? await credentialTarget(context) : undefined;
}

async function credentialTarget(
	context: CredentialReader,
): Promise<HexCredentialTarget | undefined> {
	try {
		const credentials = await context.getCredentials(HEX_CREDENTIAL_TYPE);
		return {
			apiRoot: resolveHexApiBaseUrl(credentials),
			byBaseUrl: String(credentials.baseUrl ?? '').trim() !== '',
		};
	} catch {
		return undefined;
	}
}

/**
 * Hint for a request that never reached a server (the host does not resolve or refuses the
 * connection): names the address the credential actually sends to, and the field that sets it.
 */
export async function unreachableHint(context: CredentialReader, code: string): Promise<string> {
	const target = await credentialTarget(context);
	if (!target) return `Could not reach Hex (${code}): check the Hex API credential.`;
	if (target.byBaseUrl) {
		return `Could not reach ${target.apiRoot} (${code}), the credential's Base URL override: check the Base URL in the Hex API credential, and that n8n can reach that host.`;
	}
	return `Could not reach ${target.apiRoot} (${code}): check the Subdomain in the Hex API credential (app, eu, hc or your single-tenant name), and that n8n can reach that host.`;
}

export function describeHexError(
	details: HexErrorDetails,
	target?: HexCredentialTarget,
): { message: string; description: string } {
	const code = details.code ? ` ${details.code}` : '';
	const message = `Hex API error ${details.status}${code}: ${details.message}`;
	const lines = [
		...details.issues.map((issue) => `- ${issue}`),
		hexErrorHint(details.status, target),
		details.traceId ? `Hex trace ID: ${details.traceId}` : undefined,
	].filter((line): line is string => Boolean(line));
	return { message, description: lines.join('\n') };
}
