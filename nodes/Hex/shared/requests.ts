import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { hexAnswerOf, unreachableHint } from './errors';
import { retryAfterMs } from './polling';

const NETWORK_CODES = [
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'ECONNREFUSED',
	'EAI_AGAIN',
];
// Refused or unresolved: the request never left, so even a run start may be sent again.
const NEVER_SENT_CODES = ['ECONNREFUSED', 'EAI_AGAIN'];
// No server was reached: the hint names the address the credential sends to.
const UNREACHABLE_CODES = ['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED'];
const GATEWAY_STATUSES = [502, 503, 504];
const SAFE_METHODS = ['GET', 'HEAD'];

export const REQUEST_HANDLING_DEFAULTS = {
	maxRetries: 3,
	maxRetryWait: 60,
	retryOnRateLimit: true,
	timeout: 120,
};

/** "Request Handling": shown on every operation, read by the one request runner below. */
export const requestHandlingProperty: INodeProperties = {
	displayName: 'Request Handling',
	name: 'requestHandling',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	description: 'Retries and timeout of the requests this node sends to Hex',
	options: [
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: 3,
			description:
				'How often to retry a request Hex rate-limited (429), or a read that failed at Hex’s gateway (502, 503, 504) or on the network',
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
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 120,
			description: 'How long to wait for Hex to answer one request',
		},
	],
};

interface RequestHandling {
	maxRetries: number;
	maxRetryWaitMs: number;
	retryOnRateLimit: boolean;
	timeoutMs: number;
}

function readRequestHandling(context: IExecuteSingleFunctions): RequestHandling {
	const settings = {
		...REQUEST_HANDLING_DEFAULTS,
		...(context.getNodeParameter('requestHandling', {}) as IDataObject),
	};
	return {
		maxRetries: Math.max(0, Math.floor(Number(settings.maxRetries) || 0)),
		maxRetryWaitMs: Math.max(1, Number(settings.maxRetryWait) || 60) * 1000,
		retryOnRateLimit: settings.retryOnRateLimit !== false,
		timeoutMs: Math.max(1, Number(settings.timeout) || 120) * 1000,
	};
}

/** Pre-send step of every operation: the per-request timeout from Request Handling. */
export async function applyRequestTimeout(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	requestOptions.timeout = readRequestHandling(this).timeoutMs;
	return requestOptions;
}

function networkCode(error: unknown): string | undefined {
	for (let cause = error as IDataObject | undefined, depth = 0; cause && depth < 4; depth++) {
		for (const value of [cause.code, cause.httpCode]) {
			if (typeof value === 'string' && NETWORK_CODES.includes(value)) return value;
		}
		const message = typeof cause.message === 'string' ? cause.message : '';
		if (/socket hang up/i.test(message)) return 'ECONNRESET';
		if (/timeout of \d+ms exceeded/i.test(message)) return 'ETIMEDOUT';
		cause = cause.cause as IDataObject | undefined;
	}
	return undefined;
}

/** ENOTFOUND, EAI_AGAIN or ECONNREFUSED anywhere in the error's cause chain or messages. */
function unreachableCode(error: unknown): string | undefined {
	for (let cause = error as IDataObject | undefined, depth = 0; cause && depth < 4; depth++) {
		const texts = [cause.code, cause.httpCode, cause.message].filter(
			(value): value is string => typeof value === 'string',
		);
		const found = UNREACHABLE_CODES.find((code) => texts.some((text) => text.includes(code)));
		if (found) return found;
		cause = cause.cause as IDataObject | undefined;
	}
	return undefined;
}

function backoffMs(attempt: number, cap: number): number {
	const base = Math.min(1000 * 2 ** attempt, cap);
	// ±20 % jitter so parallel items do not retry in lockstep.
	return Math.round(base * (0.8 + Math.random() * 0.4));
}

/** The error as an n8n error (errors from the routing engine already are), with a sentence added. */
export function nodeError(
	context: IExecutePaginationFunctions,
	error: unknown,
	sentence?: string,
): NodeApiError | NodeOperationError {
	const known =
		error instanceof NodeApiError || error instanceof NodeOperationError
			? error
			: new NodeApiError(context.getNode(), error as JsonObject);
	if (sentence) known.description = [known.description, sentence].filter(Boolean).join('\n');
	return known;
}

/**
 * Sends one routed request (with its pre-send and post-receive steps) and retries only where
 * that cannot duplicate work: 429 for any method (Hex did nothing), gateway errors and network
 * failures for reads only. A write that may have reached Hex is never sent twice, and its error
 * says so.
 */
export async function sendHexRequest(
	context: IExecutePaginationFunctions,
	resultOptions: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const handling = readRequestHandling(context);
	const method = String(resultOptions.options.method ?? 'GET').toUpperCase();
	for (let attempt = 0; ; attempt++) {
		try {
			return await context.makeRoutingRequest(resultOptions);
		} catch (error) {
			const answer = hexAnswerOf(error);
			const code = answer ? undefined : networkCode(error);
			const rateLimited = answer?.status === 429;
			const transient =
				(answer !== undefined && GATEWAY_STATUSES.includes(answer.status)) || code !== undefined;
			const mayRetry =
				(rateLimited && handling.retryOnRateLimit) ||
				(transient && (SAFE_METHODS.includes(method) || NEVER_SENT_CODES.includes(code ?? '')));
			const unreachable = answer ? undefined : unreachableCode(error);
			const reachHint = unreachable ? await unreachableHint(context, unreachable) : undefined;
			if (!mayRetry) {
				if (reachHint) throw nodeError(context, error, reachHint);
				if (transient && !SAFE_METHODS.includes(method)) {
					throw nodeError(
						context,
						error,
						'The request may have reached Hex, so it was not sent again (that could, for example, start a second run). Check in Hex before running it again.',
					);
				}
				throw nodeError(context, error);
			}
			if (attempt >= handling.maxRetries) {
				const gaveUp = `Gave up after ${attempt + 1} attempts (Max Retries: ${handling.maxRetries}).`;
				throw nodeError(context, error, [reachHint, gaveUp].filter(Boolean).join('\n'));
			}
			const asked = rateLimited ? retryAfterMs(answer?.headers) : undefined;
			if (asked !== undefined && asked > handling.maxRetryWaitMs) {
				throw nodeError(
					context,
					error,
					`Hex asked to wait ${Math.ceil(asked / 1000)} s, longer than Max Retry Wait (${handling.maxRetryWaitMs / 1000} s).`,
				);
			}
			await sleep(asked ?? backoffMs(attempt, handling.maxRetryWaitMs));
		}
	}
}

/** The "pagination" of operations that make one request: just the runner above. */
export async function singleHexRequest(
	this: IExecutePaginationFunctions,
	resultOptions: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	return await sendHexRequest(this, resultOptions);
}
