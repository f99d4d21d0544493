import type {
	IDataObject,
	IExecuteSingleFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { bodyOf, clock, sendToHex, TransientHexFailure } from './hexRequest';
import { fail } from './fieldValues';
import { awaitPollSlot, holdPolls } from './statusSchedule';

/*
 * The one way this package waits for something in Hex (runs, threads): poll its status route
 * until it is done, failed, or the wait ends unfinished. Network errors, request timeouts, 429
 * and 5xx only slow the polling down until the deadline; every poll takes a slot in the
 * credential's shared schedule (statusSchedule.ts).
 */

/** What a poll found: done (output this), failed (throw this message), or keep waiting. */
export type PollVerdict =
	| { state: 'done'; value: IDataObject }
	| { state: 'failed'; message: string; description: string; subject: IDataObject }
	| { state: 'pending' };

/** Why a wait ended without a final status. */
export type UnfinishedReason = 'timeout' | 'error' | 'stopped';

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
 * `known` is what the caller knows when the failure did not say.
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

/** The description of the error that ended a wait, for the wait's own error. */
export function describedBy(cause: Error | undefined): string | undefined {
	const description = (cause as { description?: unknown } | undefined)?.description;
	return typeof description === 'string' && description !== '' ? description : undefined;
}

/** Hex allows about 30 status requests per minute. */
export const MIN_POLL_INTERVAL_SECONDS = 2;
export const DEFAULT_POLLS_PER_MINUTE = 20;
// For tokens (or proxies) that Hex allows more than its usual 30 requests a minute.
const MAX_POLLS_PER_MINUTE = 600;
// Failed polls back off from the interval, doubling, to at most a minute.
const MAX_POLL_BACKOFF_MS = 60_000;

/** The shared status budget of all waits, shown with each wait's Poll Interval and Timeout. */
export function pollBudgetField(show: NonNullable<INodeProperties['displayOptions']>['show']) {
	const field: INodeProperties = {
		displayName: 'Status Checks per Minute (All Waits)',
		name: 'pollsPerMinute',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_POLLS_PER_MINUTE },
		default: DEFAULT_POLLS_PER_MINUTE,
		description:
			'At most this many status requests a minute for all waits in this n8n process that use this credential, together; Hex allows about 30 requests a minute per token, so leave room for other work',
		displayOptions: { show },
	};
	return field;
}

/**
 * The Poll Interval, Timeout (seconds) and status budget of a wait, refused before anything is
 * sent when unusable. `defaultTimeoutSeconds` is the Timeout field's default; `timeoutAdvice`
 * what to set it to.
 */
export function readWaitSettings(
	context: IExecuteSingleFunctions,
	defaultTimeoutSeconds: number,
	timeoutAdvice: string,
) {
	const interval = context.getNodeParameter('pollInterval', 10) as unknown;
	const timeout = context.getNodeParameter('timeout', defaultTimeoutSeconds) as unknown;
	const perMinute = context.getNodeParameter('pollsPerMinute', DEFAULT_POLLS_PER_MINUTE) as unknown;
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
	if (typeof perMinute !== 'number' || !(perMinute >= 1 && perMinute <= MAX_POLLS_PER_MINUTE)) {
		fail(
			context,
			`The "Status Checks per Minute (All Waits)" parameter must be a number from 1 to ${MAX_POLLS_PER_MINUTE}, got ${JSON.stringify(perMinute)}`,
			`Hex allows about 30 requests per minute per token; ${DEFAULT_POLLS_PER_MINUTE} leaves room for other work.`,
		);
	}
	return {
		intervalMs: interval * 1000,
		timeoutMs: timeout * 1000,
		timeoutSeconds: timeout,
		pollsPerMinute: perMinute,
	};
}

type WaitSettings = ReturnType<typeof readWaitSettings>;

interface WaitPlan {
	url: string;
	headers?: IDataObject;
	/** Reads one answer; anything not clearly done or failed keeps the wait going. */
	judge: (body: IDataObject) => PollVerdict;
	/**
	 * Called once when the wait ends without a final status; returns the error to throw.
	 * `cause` is the error that ended it, or the last transient one before the deadline.
	 */
	onUnfinished: (
		reason: UnfinishedReason,
		last: IDataObject | undefined,
		cause?: Error,
	) => Promise<Error>;
}

/**
 * Polls a Hex route until `judge` says done or failed; `first` is an answer already in hand
 * (judged before any pause). The Timeout bounds the whole wait: no request runs past it by more
 * than a second. Stopping the execution ends the wait at once.
 */
export async function pollUntilSettled(
	context: IExecuteSingleFunctions,
	plan: WaitPlan,
	settings: WaitSettings,
	first?: IDataObject,
): Promise<IDataObject> {
	const deadline = clock.now() + settings.timeoutMs;
	const signal = context.getExecutionCancelSignal();
	let last = first;
	let delay = settings.intervalMs;
	let failures = 0;
	let lastFailure: Error | undefined;
	for (;;) {
		if (last !== undefined) {
			const verdict = plan.judge(last);
			if (verdict.state === 'done') return verdict.value;
			if (verdict.state === 'failed') {
				throw waitFailure(context, verdict.message, verdict.description, verdict.subject);
			}
		}
		if (signal?.aborted) throw await plan.onUnfinished('stopped', last);
		const remaining = deadline - clock.now();
		if (remaining <= 0) throw await plan.onUnfinished('timeout', last, lastFailure);
		await clock.pause(Math.min(delay, remaining), signal);
		const slotInTime =
			!signal?.aborted && (await awaitPollSlot(context, settings.pollsPerMinute, deadline, signal));
		if (signal?.aborted) throw await plan.onUnfinished('stopped', last);
		if (!slotInTime) throw await plan.onUnfinished('timeout', last, lastFailure);
		try {
			const response = await sendToHex(
				context,
				{ method: 'GET', url: plan.url, headers: plan.headers, json: true },
				{ transientUntil: deadline, signal },
			);
			last = bodyOf(context, response);
			delay = settings.intervalMs;
			failures = 0;
		} catch (error) {
			if (signal?.aborted) throw await plan.onUnfinished('stopped', last, error as Error);
			if (!(error instanceof TransientHexFailure)) {
				throw await plan.onUnfinished('error', last, error as Error);
			}
			lastFailure = error.cause;
			failures++;
			if (error.askedMs !== undefined) holdPolls(context, error.askedMs);
			const backoff = Math.min(settings.intervalMs * 2 ** failures, MAX_POLL_BACKOFF_MS);
			delay = Math.max(settings.intervalMs, error.askedMs ?? backoff);
		}
	}
}
