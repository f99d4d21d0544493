// A fake of Hex's public API (https://app.hex.tech/api) for tests: a real HTTP server on
// 127.0.0.1 that validates every request and response against Hex's OpenAPI spec.
import { serve } from '@hono/node-server';
import type { HttpBindings } from '@hono/node-server';
import { Hono } from 'hono';
import type { Context } from 'hono';
import { sleep } from 'n8n-workflow';

import { errorBody, HexApiError } from './envelopes';
import { digest } from './random';
import { handlers } from './routes';
import type { Handler, HandlerContext, HandlerRequest } from './routes';
import type { OperationId } from './schemas';
import { matchOperation, pathExists } from './spec';
import type { ErrorStyle } from './spec';
import { FakeHexState } from './state';
import { responseIssues, validateRequest } from './validation';

export interface RecordedRequest {
	method: string;
	/** Path without query, e.g. /api/v1/users. */
	path: string;
	/** Repeated keys become arrays. */
	query: Record<string, string | string[]>;
	/** Lower-cased names. */
	headers: Record<string, string>;
	/** Parsed JSON, or the raw text when it is not JSON, or undefined without a body. */
	body: unknown;
	/** Set when the method and path match an operation of the spec. */
	operationId?: string;
	/** Set when the fake's rate limit answered 429. */
	rateLimited?: boolean;
}

export interface Fault {
	/** Only requests to this operation; any request when left out. */
	operationId?: string;
	/** Status to answer with (500 when neither status nor resetConnection nor delayMs is set). */
	status?: number;
	/** Raw body; defaults to the operation's error envelope for `status`. */
	body?: string;
	contentType?: string;
	headers?: Record<string, string>;
	/** How many matching requests fail (default 1). */
	times?: number;
	/** How many matching requests pass untouched before the fault applies (default 0). */
	skip?: number;
	/** Wait before answering (less once the client has gone). A fault with only delayMs just slows the request down. */
	delayMs?: number;
	/** Destroy the socket instead of answering. */
	resetConnection?: boolean;
}

/**
 * Waits `ms`, or less once the client has given up (a request that timed out closes its socket),
 * so a long delay in a test costs only as long as the client waits.
 */
async function delayUnlessGone(ms: number, socket: { destroyed: boolean }): Promise<void> {
	const step = 50;
	for (let waited = 0; waited < ms && !socket.destroyed; waited += step) {
		await sleep(Math.min(step, ms - waited));
	}
}

export interface RateLimit {
	/** Requests allowed per window (per server). */
	limit: number;
	windowMs: number;
}

export interface FakeHexOptions {
	/** Accepted Bearer token. Prefix hxtp_ = personal token, hxtw_ = workspace token. */
	token?: string;
	users?: number;
	projects?: number;
	dataConnections?: number;
	/** Runs generated for each of the first 3 projects. */
	runsPerProject?: number;
	seed?: number;
	/** Off by default. */
	rateLimit?: RateLimit;
}

export interface FakeHex {
	/** http://127.0.0.1:<port>/api */
	baseUrl: string;
	token: string;
	/** Every request received, in order (including rejected ones). */
	requests: RecordedRequest[];
	/** The in-memory data; tests may read and change it. */
	state: FakeHexState;
	/**
	 * Problems of the fake itself (a response that breaks the spec, a handler crash). Each also
	 * answered 500; tests can assert this stays empty.
	 */
	internalErrors: string[];
	/** Clears recorded requests, injected faults, rate-limit counters and internal errors. */
	reset(): void;
	injectFault(fault: Fault): void;
	/** Turns rate limiting on (or off with undefined) while running. */
	setRateLimit(rateLimit: RateLimit | undefined): void;
	close(): Promise<void>;
}

const API_PREFIX = '/api';

interface PendingFault extends Fault {
	remaining: number;
	skipped: number;
}

type AppContext = Context<{ Bindings: HttpBindings }>;

function jsonResponse(
	status: number,
	body: unknown,
	headers: Record<string, string> = {},
): Response {
	if (status === 204 || status === 304 || body === undefined) {
		return new Response(null, { status, headers });
	}
	return new Response(JSON.stringify(body), {
		status,
		headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
	});
}

function collectQuery(url: URL): Record<string, string[]> {
	const query: Record<string, string[]> = {};
	url.searchParams.forEach((value, key) => {
		(query[key] ??= []).push(value);
	});
	return query;
}

function flattenQuery(query: Record<string, string[]>): Record<string, string | string[]> {
	return Object.fromEntries(Object.entries(query).map(([k, v]) => [k, v.length === 1 ? v[0] : v]));
}

interface ParsedBody {
	value: unknown;
	/** Why the body cannot be used as JSON, if it cannot. */
	problem?: { status: number; message: string };
}

function parseBody(text: string, contentType: string | undefined): ParsedBody {
	if (text === '') return { value: undefined };
	if (!contentType?.toLowerCase().includes('json')) {
		return {
			value: text,
			problem: {
				status: 415,
				message: `Expected an application/json body, got ${contentType ?? 'no content-type'}`,
			},
		};
	}
	try {
		return { value: JSON.parse(text) as unknown };
	} catch {
		return { value: text, problem: { status: 400, message: 'Malformed JSON body' } };
	}
}

/**
 * A multipart form: recorded as its fields and files, validated as the JSON body the spec
 * describes (form fields are text, so "true"/"false" become booleans).
 */
function formBody(form: FormData): ParsedBody & { recorded: unknown } {
	const fields: Record<string, string> = {};
	const files: Array<{ field: string; name: string; type: string; size: number }> = [];
	const value: Record<string, unknown> = {};
	form.forEach((entry, field) => {
		if (typeof entry === 'string') {
			fields[field] = entry;
			value[field] = entry === 'true' ? true : entry === 'false' ? false : entry;
		} else {
			files.push({ field, name: entry.name, type: entry.type, size: entry.size });
		}
	});
	return { value, recorded: { fields, files } };
}

export async function startFakeHex(options: FakeHexOptions = {}): Promise<FakeHex> {
	const state = new FakeHexState({
		seed: options.seed,
		users: options.users,
		projects: options.projects,
		dataConnections: options.dataConnections,
		runsPerProject: options.runsPerProject,
	});
	const token = options.token ?? state.defaultToken();
	const requests: RecordedRequest[] = [];
	const internalErrors: string[] = [];
	let faults: PendingFault[] = [];
	let rateLimit = options.rateLimit;
	let window = { start: 0, count: 0 };
	let traceCounter = 0;
	let baseUrl = '';

	const takeFault = (operationId: string | undefined): PendingFault | undefined => {
		const fault = faults.find((f) => f.operationId === undefined || f.operationId === operationId);
		if (!fault) return undefined;
		if (fault.skipped < (fault.skip ?? 0)) {
			fault.skipped += 1;
			return undefined;
		}
		fault.remaining -= 1;
		if (fault.remaining <= 0) faults = faults.filter((f) => f !== fault);
		return fault;
	};

	/** Seconds until the window resets, or undefined when the request is within the limit. */
	const rateLimited = (): number | undefined => {
		if (!rateLimit) return undefined;
		const now = Date.now();
		if (now - window.start >= rateLimit.windowMs) window = { start: now, count: 0 };
		window.count += 1;
		if (window.count <= rateLimit.limit) return undefined;
		return Math.max(1, Math.ceil((window.start + rateLimit.windowMs - now) / 1000));
	};

	const app = new Hono<{ Bindings: HttpBindings }>();

	app.all('*', async (c: AppContext) => {
		const url = new URL(c.req.url);
		const headers: Record<string, string> = {};
		c.req.raw.headers.forEach((value, key) => {
			headers[key.toLowerCase()] = value;
		});
		const query = collectQuery(url);
		const record: RecordedRequest = {
			method: c.req.method,
			path: url.pathname,
			query: flattenQuery(query),
			headers,
			body: undefined,
		};
		requests.push(record);
		const contentType = headers['content-type'];
		// IngestSemanticProject takes a zip as multipart/form-data (see routes/semantic.ts).
		const form = contentType?.toLowerCase().startsWith('multipart/form-data')
			? await c.req.formData().catch(() => undefined)
			: undefined;
		const body = form ? formBody(form) : parseBody(await c.req.text(), contentType);
		record.body = 'recorded' in body ? body.recorded : body.value;

		const apiPath = url.pathname.startsWith(`${API_PREFIX}/`)
			? url.pathname.slice(API_PREFIX.length)
			: undefined;
		const match = apiPath === undefined ? undefined : matchOperation(c.req.method, apiPath);
		if (match) record.operationId = match.op.operationId;

		traceCounter += 1;
		const traceId = digest(`trace:${state.seed}:${traceCounter}`, 32);
		const style: ErrorStyle = match?.op.errorStyle ?? 'N';
		const traceHeader = { 'x-trace-id': traceId };
		const fail = (status: number, message: string, issues: string[] = [], details?: unknown) =>
			jsonResponse(
				status,
				errorBody(style, status, message, issues, traceId, details),
				traceHeader,
			);

		const fault = takeFault(match?.op.operationId);
		if (fault) {
			if (fault.delayMs) await delayUnlessGone(fault.delayMs, c.env.incoming.socket);
			if (fault.resetConnection) {
				c.env.incoming.socket.destroy();
				return new Response(null, { status: 500 });
			}
			const delayOnly = fault.delayMs && fault.status === undefined && fault.body === undefined;
			if (!delayOnly) {
				const status = fault.status ?? 500;
				if (fault.body === undefined) {
					const response = fail(status, `Injected fault (${status})`);
					Object.entries(fault.headers ?? {}).forEach(([k, v]) => response.headers.set(k, v));
					return response;
				}
				const contentType =
					fault.contentType ?? (/^\s*[[{]/.test(fault.body) ? 'application/json' : 'text/plain');
				return new Response(fault.body, {
					status,
					headers: { 'content-type': contentType, ...traceHeader, ...fault.headers },
				});
			}
		}

		// Hex's front door answers unauthenticated requests with a bare text body.
		const auth = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '');
		if (!auth || auth[1] !== token) {
			return new Response('Unauthorized', {
				status: 401,
				headers: { 'content-type': 'text/plain; charset=utf-8', ...traceHeader },
			});
		}

		const retryAfter = rateLimited();
		if (retryAfter !== undefined) {
			record.rateLimited = true;
			const response = fail(429, 'Rate limit exceeded, retry later');
			response.headers.set('retry-after', String(retryAfter));
			return response;
		}

		if (!match) {
			const known = apiPath !== undefined && pathExists(apiPath);
			return fail(
				404,
				known
					? `${c.req.method} is not supported on ${url.pathname}`
					: `No route for ${c.req.method} ${url.pathname}`,
			);
		}
		const { op } = match;
		if (body.problem && op.hasBody) return fail(body.problem.status, body.problem.message);

		const handler = handlers[op.operationId as OperationId] as Handler<OperationId> | undefined;
		if (!handler) return fail(501, `The fake Hex API does not implement ${op.operationId} yet`);

		try {
			const validated = validateRequest(op, {
				params: match.params,
				query,
				headers,
				body: body.value,
			});
			const ctx: HandlerContext = {
				state,
				apiBaseUrl: baseUrl,
				traceId,
				tokenKind: token.startsWith('hxtw_') ? 'workspace' : 'personal',
				headers,
				form,
			};
			const result = await handler(validated as HandlerRequest<OperationId>, ctx);
			const status = result.status ?? op.successStatus;
			const issues = status < 300 ? responseIssues(op.operationId, result.body) : [];
			if (issues.length) {
				const message = `Fake Hex produced an invalid ${op.operationId} response (status ${status})`;
				internalErrors.push(`${message}: ${issues.join('; ')}`);
				return fail(500, message, issues);
			}
			return jsonResponse(status, result.body, { ...traceHeader, ...result.headers });
		} catch (error) {
			if (error instanceof HexApiError) {
				return fail(error.status, error.message, error.issues, error.details);
			}
			const message = `Fake Hex crashed in ${op.operationId}: ${(error as Error)?.stack ?? String(error)}`;
			internalErrors.push(message);
			return fail(500, message);
		}
	});

	const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
		const s = serve(
			{ fetch: app.fetch, hostname: '127.0.0.1', port: 0, overrideGlobalObjects: false },
			() => resolve(s),
		);
	});
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	baseUrl = `http://127.0.0.1:${port}${API_PREFIX}`;

	return {
		baseUrl,
		token,
		requests,
		state,
		internalErrors,
		reset() {
			requests.length = 0;
			internalErrors.length = 0;
			faults = [];
			window = { start: 0, count: 0 };
		},
		injectFault(fault: Fault) {
			faults.push({ ...fault, remaining: fault.times ?? 1, skipped: 0 });
		},
		setRateLimit(next: RateLimit | undefined) {
			rateLimit = next;
			window = { start: 0, count: 0 };
		},
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.close((error?: Error) => (error ? reject(error) : resolve()));
				// Keep-alive sockets of the test's HTTP client would otherwise hold the server open.
				if ('closeAllConnections' in server) server.closeAllConnections();
			}),
	};
}

export { FakeHexState } from './state';
export type { RunOutcome, TerminalRunStatus } from './state';
export { operationSchemas } from './schemas';
export type { OperationId, ResponseOf } from './schemas';
