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

/** What a poll found: done (output it), failed (throw this message), or keep waiting. */
export type PollVerdict = { state: 'done' | 'pending' } | { state: 'failed'; message: string };

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

/** A run or thread as a wait's errors name it; `goal` is what it did not do within the Timeout. */
export interface WaitSubject {
	noun: string;
	goal: string;
	name: (subject: IDataObject) => string;
	urlField: string;
	/** Said after its last status. */
	hint?: string;
}

/** The link to a run or thread in Hex, for messages. */
export const linkTo = (kind: WaitSubject, subject: IDataObject) =>
	String(subject[kind.urlField] ?? `no ${kind.noun} URL`);

/** Which run or thread, and its link: the start of its errors' descriptions. */
const whereIs = (kind: WaitSubject, subject: IDataObject) =>
	`${kind.name(subject)}: ${linkTo(kind, subject)}`;

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
	kind: WaitSubject;
	/** What the caller knows of the run or thread; each answer is read over it. */
	known: IDataObject;
	/** Reads the run or thread as last seen; anything not clearly done or failed keeps waiting. */
	judge: (subject: IDataObject) => PollVerdict;
	/**
	 * Called once when the wait ends without a final status (`cause`: the error that ended it, or
	 * the last transient one before the deadline): what became of the run or thread, marks for
	 * its error item, notes that end the error's description.
	 */
	onUnfinished: (
		reason: UnfinishedReason,
		cause?: Error,
	) => Promise<{ outcome: string; marks?: IDataObject; notes?: string[] }>;
}

/**
 * Polls a Hex route until `judge` says done (returns the run or thread) or failed; `first` is an
 * answer already in hand (judged before any pause). The Timeout bounds the whole wait: no request
 * runs past it by more than a second. Stopping the execution ends the wait at once.
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
	/** The error of a wait that ended without a final status: why, what became of it, where. */
	const unfinished = async (reason: UnfinishedReason, cause?: Error): Promise<Error> => {
		const { kind } = plan;
		const seen = { ...plan.known, ...last };
		const left = await plan.onUnfinished(reason, cause);
		// An error that ended the wait says first what it was about.
		const causeDescription = (cause as { description?: unknown } | undefined)?.description;
		const why = {
			timeout: `The Hex ${kind.noun} did not ${kind.goal} within ${settings.timeoutSeconds} seconds`,
			error: `${cause?.message ?? 'An error'} while waiting for the Hex ${kind.noun}`,
			stopped: `The execution was stopped while waiting for the Hex ${kind.noun}`,
		}[reason];
		const lastStatus = `${whereIs(kind, seen)}. Its last status was ${String(seen.status ?? 'unknown')}.`;
		const description = [
			reason === 'error' && typeof causeDescription === 'string' ? causeDescription : undefined,
			kind.hint === undefined ? lastStatus : `${lastStatus} ${kind.hint}`,
			...(left.notes ?? []),
		]
			.filter((line): line is string => typeof line === 'string' && line !== '')
			.join('\n');
		return waitFailure(context, `${why}; ${left.outcome}: ${linkTo(kind, seen)}`, description, {
			...seen,
			...(reason === 'timeout' ? { timedOut: true } : {}),
			...left.marks,
		});
	};
	for (;;) {
		if (last !== undefined) {
			const seen = { ...plan.known, ...last };
			const verdict = plan.judge(seen);
			if (verdict.state === 'done') return seen;
			if (verdict.state === 'failed') {
				throw waitFailure(context, verdict.message, whereIs(plan.kind, seen), seen);
			}
		}
		if (signal?.aborted) throw await unfinished('stopped');
		const remaining = deadline - clock.now();
		if (remaining <= 0) throw await unfinished('timeout', lastFailure);
		await clock.pause(Math.min(delay, remaining), signal);
		const slotInTime =
			!signal?.aborted && (await awaitPollSlot(context, settings.pollsPerMinute, deadline, signal));
		if (signal?.aborted) throw await unfinished('stopped');
		if (!slotInTime) throw await unfinished('timeout', lastFailure);
		try {
			const response = await sendToHex(
				context,
				{ method: 'GET', url: plan.url, json: true },
				{ transientUntil: deadline, signal },
			);
			last = bodyOf(context, response);
			delay = settings.intervalMs;
			failures = 0;
		} catch (error) {
			if (signal?.aborted) throw await unfinished('stopped', error as Error);
			if (!(error instanceof TransientHexFailure)) {
				throw await unfinished('error', error as Error);
			}
			lastFailure = error.cause;
			failures++;
			if (error.askedMs !== undefined) holdPolls(context, error.askedMs);
			const backoff = Math.min(settings.intervalMs * 2 ** failures, MAX_POLL_BACKOFF_MS);
			delay = Math.max(settings.intervalMs, error.askedMs ?? backoff);
		}
	}
}
