import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestMethods,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { credentialTargetFor, describeHexError, readHexError } from './errors';
import { fail } from './inputs';
import { HEX_CREDENTIAL_TYPE } from './transport';

/** What a poll found: done (output this), failed (throw this message), or keep waiting. */
export type PollVerdict =
	| { state: 'done'; value: IDataObject }
	| { state: 'failed'; message: string; description: string; subject: IDataObject }
	| { state: 'pending' };

/** The run or thread a failed wait was about, kept with its error for the error item. */
const waitSubjects = new WeakMap<Error, IDataObject>();

/** The error of a wait that ended without success; `subject` is the run or thread as last seen. */
export function waitFailure(
	context: IExecuteSingleFunctions,
	message: string,
	description: string,
	subject: IDataObject,
): NodeOperationError {
	const error = new NodeOperationError(context.getNode(), message, { description });
	waitSubjects.set(error, subject);
	return error;
}

/**
 * Runs the wait of one item. Under Continue On Fail (regular or error output) a failure becomes
 * an item that carries the run or thread: `{ error: { message, description, ...subject } }`.
 * It must be plain JSON: n8n (1.x and 2.x) replaces the JSON of any item with an `error` by the
 * bare message, and routes to the error output only items whose JSON is `{ error }` alone.
 * `known` is what the caller knows when the failure did not say (an API error mid-wait).
 */
export async function waitOrErrorItem(
	context: IExecuteSingleFunctions,
	item: INodeExecutionData,
	known: IDataObject,
	wait: () => Promise<IDataObject>,
): Promise<INodeExecutionData> {
	try {
		return { ...item, json: await wait() };
	} catch (caught) {
		const error =
			caught instanceof NodeApiError || caught instanceof NodeOperationError
				? caught
				: new NodeOperationError(context.getNode(), caught as Error);
		if (!context.continueOnFail()) throw error;
		const { description } = error;
		return {
			...item,
			json: {
				error: {
					...(waitSubjects.get(error) ?? known),
					message: error.message,
					...(typeof description === 'string' ? { description } : {}),
				},
			},
		};
	}
}

export interface PollSettings {
	intervalMs: number;
	timeoutMs: number;
}

/** Hex allows about 30 status requests per minute. */
export const MIN_POLL_INTERVAL_SECONDS = 2;

export interface WaitSettings extends PollSettings {
	timeoutSeconds: number;
}

/**
 * The Poll Interval and Timeout (seconds) of a wait, refused before anything is sent when unusable.
 * `defaultTimeoutSeconds` is the Timeout field's default; `timeoutAdvice` what to set it to.
 */
export function readWaitSettings(
	context: IExecuteSingleFunctions,
	defaultTimeoutSeconds: number,
	timeoutAdvice: string,
): WaitSettings {
	const interval = context.getNodeParameter('pollInterval', 10) as unknown;
	const timeout = context.getNodeParameter('timeout', defaultTimeoutSeconds) as unknown;
	if (typeof interval !== 'number' || !(interval >= MIN_POLL_INTERVAL_SECONDS)) {
		fail(
			context,
			`The "Poll Interval" parameter must be at least ${MIN_POLL_INTERVAL_SECONDS} seconds, got ${JSON.stringify(interval)}`,
			'Hex allows about 30 status requests per minute; 10 seconds is a good interval.',
		);
	}
	if (typeof timeout !== 'number' || !(timeout > 0)) {
		fail(
			context,
			`The "Timeout" parameter must be a positive number of seconds, got ${JSON.stringify(timeout)}`,
			timeoutAdvice,
		);
	}
	return { intervalMs: interval * 1000, timeoutMs: timeout * 1000, timeoutSeconds: timeout };
}

export interface PollPlan {
	method: IHttpRequestMethods;
	url: string;
	headers?: IDataObject;
	/** Reads one answer; anything not clearly done or failed keeps the wait going. */
	judge: (body: IDataObject) => PollVerdict;
	/** Called once when the time is up; returns the error to throw. */
	onTimeout: (last: IDataObject | undefined) => Promise<Error>;
}

const MAX_BACKOFF_MS = 60_000;
const TRANSIENT_STATUSES = [502, 503, 504];

/** Retry-After as seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(
	headers: IDataObject | undefined,
	now = Date.now(),
): number | undefined {
	const key = Object.keys(headers ?? {}).find((name) => name.toLowerCase() === 'retry-after');
	const value = key ? String(headers?.[key]).trim() : '';
	if (value === '') return undefined;
	if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export async function hexFullRequest(
	context: IExecuteSingleFunctions,
	method: IHttpRequestMethods,
	url: string,
	headers: IDataObject = {},
): Promise<IN8nHttpFullResponse> {
	return (await context.helpers.httpRequestWithAuthentication.call(context, HEX_CREDENTIAL_TYPE, {
		method,
		url,
		headers,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	})) as IN8nHttpFullResponse;
}

/**
 * Polls a Hex route until `judge` says done or failed, or the time is up. Rate limiting (429) and
 * gateway errors slow the polling down instead of failing the wait; other errors fail it.
 * Sleeps with n8n's `sleep`; `first` is an answer already in hand (checked before any sleep).
 */
export async function pollHex(
	context: IExecuteSingleFunctions,
	plan: PollPlan,
	settings: PollSettings,
	first?: IDataObject,
): Promise<IDataObject> {
	const deadline = Date.now() + settings.timeoutMs;
	let last = first;
	let delay = settings.intervalMs;
	let slowdowns = 0;
	for (;;) {
		if (last !== undefined) {
			const verdict = plan.judge(last);
			if (verdict.state === 'done') return verdict.value;
			if (verdict.state === 'failed') {
				throw waitFailure(context, verdict.message, verdict.description, verdict.subject);
			}
		}
		const remaining = deadline - Date.now();
		if (remaining <= 0) throw await plan.onTimeout(last);
		await sleep(Math.min(delay, remaining));
		const response = await hexFullRequest(context, plan.method, plan.url, plan.headers);
		if (response.statusCode === 429 || TRANSIENT_STATUSES.includes(response.statusCode)) {
			slowdowns++;
			const backoff = Math.min(settings.intervalMs * 2 ** slowdowns, MAX_BACKOFF_MS);
			delay = Math.max(
				retryAfterMs(response.headers as IDataObject) ?? backoff,
				settings.intervalMs,
			);
			continue;
		}
		if (response.statusCode >= 400) {
			const details = readHexError(
				response.statusCode,
				response.body,
				response.headers as IDataObject,
			);
			const { message, description } = describeHexError(
				details,
				await credentialTargetFor(context, details.status),
			);
			throw new NodeApiError(
				context.getNode(),
				{ message: details.message },
				{
					message,
					description,
					httpCode: String(details.status),
				},
			);
		}
		slowdowns = 0;
		delay = settings.intervalMs;
		last = (response.body ?? {}) as IDataObject;
	}
}
