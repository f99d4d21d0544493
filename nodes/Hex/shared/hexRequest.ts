import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { HEX_CREDENTIAL_TYPE, parseUrl } from './baseUrl';
import { credentialTargetFor, describeHexError, readHexError, unreachableHint } from './errors';

/*
 * The one way this package sends a request to Hex: operations (the routing engine's own send is
 * the first attempt, see settleHexAnswer), their pages and batches, status polls, cancellations,
 * pickers and the trigger. Here and only here: n8n's Request Options (proxy, SSL, timeout), the
 * retry policy and the errors built from a failed request. The token is attached by the
 * credential's `authenticate`, which pins every request to the credential's Hex host.
 */

/** A request as the routing engine builds it (its URL may still be relative or unset). */
type HexRequestOptions = DeclarativeRestApiSettings.HttpRequestOptions;

/** Every context that sends a request to Hex. */
type HexContext =
	| IExecuteSingleFunctions
	| IExecutePaginationFunctions
	| ILoadOptionsFunctions
	| IPollFunctions;

// Refused or unresolved: no server was reached, so even a write may be sent again, and the error
// names the address the credential sends to.
const UNREACHED_CODES = ['ECONNREFUSED', 'EAI_AGAIN', 'ENOTFOUND'];
const NETWORK_CODES = ['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', ...UNREACHED_CODES];
const GATEWAY_STATUSES = [502, 503, 504];
const READ_METHODS = ['GET', 'HEAD'];
// n8n's own default when Request Options → Timeout is not set.
const DEFAULT_TIMEOUT_MS = 300_000;
const MAX_BACKOFF_MS = 60_000;

/** The clock every wait of this module uses; tests replace n8n's `sleep` and `Date.now`. */
export const clock = {
	now: () => Date.now(),
	/** n8n's `sleep`, ended early when the execution is stopped. */
	async pause(ms: number, signal?: AbortSignal): Promise<void> {
		if (ms <= 0 || signal?.aborted) return;
		let wake: () => void = () => undefined;
		const stopped = new Promise<void>((resolve) => (wake = resolve));
		signal?.addEventListener('abort', wake, { once: true });
		try {
			await Promise.race([sleep(ms), stopped]);
		} finally {
			signal?.removeEventListener('abort', wake);
		}
	},
};

const RETRY_DEFAULTS = { maxRetries: 3, maxRetryWait: 60, retryOnRateLimit: true };

/**
 * What n8n's Request Options do not offer. Declared under n8n's name: n8n's loader merges these
 * into the Request Options it adds to every declarative node (beside Batching, Ignore SSL Issues,
 * Proxy and Timeout), so all request settings sit in one collection.
 */
export const requestOptionsProperty: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	isNodeSetting: true,
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: 3,
			description:
				'How often to retry a request Hex rate-limited (429), or a read that failed at Hex’s gateway (502, 503, 504) or on the network. Waits for runs and threads retry until their timeout instead.',
		},
		{
			displayName: 'Max Retry Wait (Seconds)',
			name: 'maxRetryWait',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 60,
			description:
				'The longest wait before one retry; if Hex asks for a longer wait, the item fails instead',
		},
		{
			displayName: 'Retry on Rate Limit',
			name: 'retryOnRateLimit',
			type: 'boolean',
			default: true,
			description: 'Whether to wait and retry when Hex answers 429 (rate limited)',
		},
	],
};

function parseProxy(context: HexContext, proxy: string): IHttpRequestOptions['proxy'] {
	const url = parseUrl(proxy);
	if (!url?.hostname || !url.port) {
		throw new NodeOperationError(context.getNode(), 'The proxy is not valid', {
			description: `Request Options → Proxy "${proxy.replace(/\/\/[^@/]*@/, '//***@')}" needs a host and a port, e.g. http://myproxy:3128.`,
		});
	}
	return {
		host: url.hostname,
		port: Number(url.port),
		protocol: url.protocol.replace(/:$/, ''),
		...(url.username
			? {
					auth: {
						username: decodeURIComponent(url.username),
						password: decodeURIComponent(url.password),
					},
				}
			: {}),
	};
}

/** Request Options of the Hex node; the trigger has none and gets n8n's defaults. */
function readRequestSettings(context: HexContext) {
	let options: IDataObject = {};
	try {
		options = (context.getNodeParameter('requestOptions', {}) ?? {}) as IDataObject;
	} catch {
		options = {};
	}
	const settings = { ...RETRY_DEFAULTS, ...options };
	const timeout = Number(options.timeout);
	const proxy = typeof options.proxy === 'string' ? options.proxy.trim() : '';
	return {
		timeoutMs: timeout > 0 ? timeout : DEFAULT_TIMEOUT_MS,
		proxy: proxy ? parseProxy(context, proxy) : undefined,
		skipSslCertificateValidation: options.allowUnauthorizedCerts === true,
		retryOnRateLimit: settings.retryOnRateLimit !== false,
		maxRetries: Math.max(0, Math.floor(Number(settings.maxRetries) || 0)),
		maxRetryWaitMs:
			Math.max(1, Number(settings.maxRetryWait) || RETRY_DEFAULTS.maxRetryWait) * 1000,
	};
}

type RequestSettings = ReturnType<typeof readRequestSettings>;

/** How a request that failed may be retried. */
interface RetryPlan {
	/**
	 * Set by waits: until this time network errors, timeouts, 429 and 5xx of a read are transient,
	 * whatever Max Retries says. One attempt is made; a transient failure is thrown as
	 * `TransientHexFailure` for the wait to try again on its own schedule.
	 */
	transientUntil?: number;
	/** Stops retrying when the execution is stopped. */
	signal?: AbortSignal;
	/** Sent without the execution's cancel signal: a cancellation that must outlive the stop. */
	outlivesExecution?: boolean;
	/** Return an error answer the policy does not retry (any longer) instead of throwing. */
	returnErrors?: boolean;
	/** Instead of Request Options: the trigger spends its per-poll budget, a picker its user's time. */
	maxRetries?: number;
	maxRetryWaitMs?: number;
}

/** A wait's request failed in a way worth trying again (see RetryPlan.transientUntil). */
export class TransientHexFailure extends Error {
	constructor(
		readonly cause: Error,
		/** Retry-After of a 429, in ms. */
		readonly askedMs?: number,
	) {
		super(cause.message);
	}
}

/** The HTTP status of each error built from a Hex answer (not from the network). */
const hexAnswerStatuses = new WeakMap<Error, number>();

export function hexStatusOf(error: unknown): number | undefined {
	return error instanceof Error ? hexAnswerStatuses.get(error) : undefined;
}

/** The error a Hex error answer becomes: Hex's message, the issues, a hint and the trace ID. */
export async function hexAnswerError(
	context: HexContext,
	response: IN8nHttpFullResponse,
): Promise<NodeApiError> {
	const details = readHexError(response.statusCode, response.body, response.headers as IDataObject);
	const { message, description } = describeHexError(
		details,
		await credentialTargetFor(context, details.status),
	);
	const error = new NodeApiError(
		context.getNode(),
		{
			status: details.status,
			message: details.message,
			issues: details.issues,
			...(details.code ? { code: details.code } : {}),
			...(details.traceId ? { traceId: details.traceId } : {}),
		} as JsonObject,
		{ message, description, httpCode: String(details.status) },
	);
	hexAnswerStatuses.set(error, details.status);
	return error;
}

/** The error as an n8n error, with sentences added to its description. */
export function withSentence(
	context: HexContext,
	error: unknown,
	...sentences: Array<string | undefined>
): NodeApiError | NodeOperationError {
	const known =
		error instanceof NodeApiError || error instanceof NodeOperationError
			? error
			: new NodeApiError(context.getNode(), error as JsonObject);
	const added = sentences.filter((sentence): sentence is string => Boolean(sentence));
	if (added.length) known.description = [known.description, ...added].filter(Boolean).join('\n');
	return known;
}

/** A network error code anywhere in the error's cause chain or messages. */
function networkCode(error: unknown): string | undefined {
	for (let cause = error as IDataObject | undefined, depth = 0; cause && depth < 4; depth++) {
		const texts = [cause.code, cause.httpCode, cause.message].filter(
			(value): value is string => typeof value === 'string',
		);
		const found = NETWORK_CODES.find((code) => texts.some((text) => text.includes(code)));
		if (found) return found;
		if (texts.some((text) => /socket hang up/i.test(text))) return 'ECONNRESET';
		if (texts.some((text) => /timeout of \d+ms exceeded/i.test(text))) return 'ETIMEDOUT';
		cause = cause.cause as IDataObject | undefined;
	}
	return undefined;
}

/** Exponential backoff from a second, at most a minute. */
function backoffMs(attempt: number): number {
	const base = Math.min(1000 * 2 ** attempt, MAX_BACKOFF_MS);
	// ±20 % jitter so parallel items do not retry in lockstep.
	return Math.round(base * (0.8 + Math.random() * 0.4));
}

/** Retry-After as seconds or an HTTP date; undefined when absent or unreadable. */
function retryAfterMs(headers: IDataObject | undefined): number | undefined {
	const key = Object.keys(headers ?? {}).find((name) => name.toLowerCase() === 'retry-after');
	const value = key ? String(headers?.[key]).trim() : '';
	if (value === '') return undefined;
	if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - clock.now());
}

/** One attempt: an answer with any status, or the network error that stopped it. */
type Attempt = { response: IN8nHttpFullResponse } | { error: unknown; code: string };

async function attemptOnce(
	context: HexContext,
	options: HexRequestOptions,
	plan: RetryPlan,
): Promise<Attempt> {
	// n8n gives every request of an execution its cancel signal; a cancellation sent because the
	// execution was stopped must not carry it, or it would be aborted before it leaves.
	const sender = plan.outlivesExecution
		? Object.create(context, { getExecutionCancelSignal: { value: () => undefined } })
		: context;
	try {
		const response = (await context.helpers.httpRequestWithAuthentication.call(
			sender,
			HEX_CREDENTIAL_TYPE,
			{ ...options, returnFullResponse: true, ignoreHttpStatusErrors: true } as IHttpRequestOptions,
		)) as IN8nHttpFullResponse;
		return { response };
	} catch (error) {
		const code = networkCode(error);
		// Anything else (a stopped execution, a refused host, a bad proxy) is not worth a retry.
		if (code === undefined || plan.signal?.aborted) throw withSentence(context, error);
		return { error, code };
	}
}

/** The request with the node's Request Options applied (those the routing engine set stay). */
function withRequestOptions(
	options: HexRequestOptions,
	settings: RequestSettings,
	plan: RetryPlan,
): HexRequestOptions {
	const remaining = (plan.transientUntil ?? Infinity) - clock.now();
	// A wait's request never runs past the wait's deadline by more than a second.
	const timeout = Math.max(1000, Math.min(options.timeout ?? settings.timeoutMs, remaining));
	return {
		...options,
		timeout,
		...(options.proxy === undefined && settings.proxy ? { proxy: settings.proxy } : {}),
		...(settings.skipSslCertificateValidation ? { skipSslCertificateValidation: true } : {}),
	};
}

interface Failure {
	error: Error;
	/** Whether the policy allows sending the request again. */
	retryable: boolean;
	/** A write that may have reached Hex (network error or gateway answer after sending). */
	mayHaveReached: boolean;
	/** Retry-After of a 429, in ms. */
	askedMs?: number;
	/** For a request that reached no server: the address the credential sends to. */
	unreachable?: string;
}

async function failureOf(
	context: HexContext,
	outcome: Attempt,
	isRead: boolean,
	settings: RequestSettings,
	inWait: boolean,
): Promise<Failure> {
	if ('error' in outcome) {
		const unreached = UNREACHED_CODES.includes(outcome.code);
		return {
			error: outcome.error as Error,
			retryable: isRead || unreached,
			mayHaveReached: !unreached,
			unreachable: unreached ? await unreachableHint(context, outcome.code) : undefined,
		};
	}
	const { statusCode: status, headers } = outcome.response;
	const error = await hexAnswerError(context, outcome.response);
	if (status === 429) {
		return {
			error,
			retryable: settings.retryOnRateLimit || inWait,
			mayHaveReached: false,
			askedMs: retryAfterMs(headers as IDataObject),
		};
	}
	// 503 is Hex's "no capacity" answer (no run was created); 502 and 504 come from a gateway.
	const gateway = GATEWAY_STATUSES.includes(status);
	return {
		error,
		retryable: isRead && (gateway || (inWait && status >= 500)),
		mayHaveReached: gateway && status !== 503,
	};
}

/**
 * Sends a request to Hex and returns its successful answer. Retries only where that cannot
 * duplicate work: 429 for any method (Hex did nothing), gateway errors (502, 503, 504) and
 * network errors for reads, and a request that never left. A write that may have reached Hex is
 * never sent twice, and its error says so. `first` is an answer to this request already in hand
 * (the routing engine's own attempt).
 */
export async function sendToHex(
	context: HexContext,
	options: HexRequestOptions,
	plan: RetryPlan = {},
	first?: IN8nHttpFullResponse,
): Promise<IN8nHttpFullResponse> {
	const settings = { ...readRequestSettings(context) };
	if (plan.maxRetries !== undefined) settings.maxRetries = plan.maxRetries;
	if (plan.maxRetryWaitMs !== undefined) settings.maxRetryWaitMs = plan.maxRetryWaitMs;
	const isRead = READ_METHODS.includes(String(options.method ?? 'GET').toUpperCase());
	const inWait = plan.transientUntil !== undefined;
	let next: Attempt | undefined = first ? { response: first } : undefined;
	for (let attempt = 0; ; attempt++) {
		const outcome =
			next ?? (await attemptOnce(context, withRequestOptions(options, settings, plan), plan));
		next = undefined;
		if ('response' in outcome && outcome.response.statusCode < 400) return outcome.response;
		const failure = await failureOf(context, outcome, isRead, settings, inWait);
		const giveUp = !failure.retryable || (!inWait && attempt >= settings.maxRetries);
		if (giveUp && plan.returnErrors && 'response' in outcome) return outcome.response;
		if (!failure.retryable) {
			const notSentAgain =
				!isRead && failure.mayHaveReached
					? 'The request may have reached Hex, so it was not sent again (that could, for example, start a second run). Check in Hex before running it again.'
					: undefined;
			throw withSentence(context, failure.error, failure.unreachable, notSentAgain);
		}
		if (inWait) throw new TransientHexFailure(failure.error, failure.askedMs);
		if (attempt >= settings.maxRetries) {
			throw withSentence(
				context,
				failure.error,
				failure.unreachable,
				`Gave up after ${attempt + 1} attempts (Max Retries: ${settings.maxRetries}).`,
			);
		}
		if (failure.askedMs !== undefined && failure.askedMs > settings.maxRetryWaitMs) {
			throw withSentence(
				context,
				failure.error,
				`Hex asked to wait ${Math.ceil(failure.askedMs / 1000)} s, longer than Max Retry Wait (${settings.maxRetryWaitMs / 1000} s).`,
			);
		}
		const backoff = Math.min(backoffMs(attempt), settings.maxRetryWaitMs);
		await clock.pause(failure.askedMs ?? backoff, plan.signal);
		if (plan.signal?.aborted) throw failure.error;
	}
}

/** The JSON body of a successful answer (`{}` for 204 No Content); refuses one that is not JSON. */
export function bodyOf(context: HexContext, response: IN8nHttpFullResponse): IDataObject {
	refuseUnreadable(context, response);
	const body = response.body;
	return typeof body === 'object' && body !== null && !Buffer.isBuffer(body)
		? (body as IDataObject)
		: {};
}

/** A GET of a Hex route, answered with its JSON body (pickers, the trigger, polls). */
export async function getFromHex(
	context: HexContext,
	url: string,
	qs: IDataObject = {},
	plan: RetryPlan = {},
): Promise<IDataObject> {
	const response = await sendToHex(context, { method: 'GET', url, qs, json: true }, plan);
	return bodyOf(context, response);
}

/** Each item's request as the routing engine sent it. */
const sentRequests = new WeakMap<object, HexRequestOptions>();

/** Pre-send step of the last property (routing.ts): a retry sends exactly what was sent. */
export async function rememberRequest(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	sentRequests.set(this, requestOptions);
	return requestOptions;
}

/** Fails on a 2xx answer that cannot be used (every Hex route answers JSON, or 204 without). */
function refuseUnreadable(context: HexContext, response: IN8nHttpFullResponse): void {
	if (response.statusCode === 204) return;
	const body = Buffer.isBuffer(response.body) ? response.body.toString('utf8') : response.body;
	if (body !== undefined && body !== null && typeof body !== 'string') return;
	const unreadable = body?.trim() ? 'with a body that is not JSON' : 'without a body';
	throw new NodeApiError(
		context.getNode(),
		{ message: unreadable },
		{
			message: `Hex answered ${response.statusCode} ${unreadable}`,
			description:
				'The answer did not have the documented shape, so nothing was output. Try again; if it persists, Hex may be having trouble.',
			httpCode: String(response.statusCode),
		},
	);
}

/**
 * First post-receive step of every operation. The routing engine's send is the first attempt:
 * an answer the retry policy retries is sent again through `sendToHex`, and later steps see the
 * final answer; any other error becomes one readable NodeApiError.
 */
export async function settleHexAnswer(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	let final = response;
	if (response.statusCode >= 400) {
		const sent = sentRequests.get(this);
		if (!sent) throw await hexAnswerError(this, response);
		final = await sendToHex(this, sent, { signal: this.getExecutionCancelSignal() }, response);
		Object.assign(response, final);
		items = [{ json: final.body as IDataObject }];
	}
	refuseUnreadable(this, final);
	return items;
}
