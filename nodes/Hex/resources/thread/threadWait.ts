import type {
	IDataObject,
	IDisplayOptions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { PollVerdict, WaitSubject } from '../../shared/waits';
import {
	linkTo,
	MIN_POLL_INTERVAL_SECONDS,
	pollBudgetField,
	pollUntilSettled,
	readWaitSettings,
	waitOrErrorItem,
} from '../../shared/waits';

const DEFAULT_TIMEOUT_SECONDS = 600;

/** Wait Until Idle and its settings, for Create and Continue. */
export function waitUntilIdleFields(show: IDisplayOptions['show']): INodeProperties[] {
	const whenWaiting = { ...show, waitUntilIdle: [true] };
	return [
		{
			displayName: 'Wait Until Idle',
			name: 'waitUntilIdle',
			type: 'boolean',
			default: false,
			description:
				'Whether to wait until the agent has finished and output the thread with its response; a thread that ends in an error fails the item',
			displayOptions: { show },
			routing: { send: { preSend: [checkThreadWaitSettings] } },
		},
		{
			displayName: 'Poll Interval (Seconds)',
			name: 'pollInterval',
			type: 'number',
			typeOptions: { minValue: MIN_POLL_INTERVAL_SECONDS },
			default: 10,
			description:
				'How often to ask Hex for the thread status; Hex allows about 30 requests per minute',
			displayOptions: { show: whenWaiting },
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_TIMEOUT_SECONDS,
			description:
				'How long to wait for the agent to finish; the thread keeps running in Hex after a timeout',
			displayOptions: { show: whenWaiting },
		},
		pollBudgetField(whenWaiting),
	];
}

const readThreadWaitSettings = (context: IExecuteSingleFunctions) =>
	readWaitSettings(
		context,
		DEFAULT_TIMEOUT_SECONDS,
		'Set how long to wait for the agent, e.g. 600 for ten minutes.',
	);

const isWaiting = (context: IExecuteSingleFunctions) =>
	context.getNodeParameter('waitUntilIdle', false) === true;

/** Bad wait settings are refused before the thread is created or continued, not after. */
async function checkThreadWaitSettings(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	if (isWaiting(this)) readThreadWaitSettings(this);
	return requestOptions;
}

const THREAD: WaitSubject = {
	noun: 'thread',
	goal: 'become idle',
	name: (thread) => `Thread ${String(thread.threadId)}`,
	urlField: 'url',
	hint: 'Get it later with Thread → Get.',
};

/** IDLE is done, ERROR fails; RUNNING and anything Hex's spec does not list keep the wait going. */
function judgeThread(thread: IDataObject): PollVerdict {
	if (thread.status === 'IDLE') return { state: 'done' };
	if (thread.status === 'ERROR') {
		const error = (thread.error ?? {}) as IDataObject;
		const type = typeof error.type === 'string' ? error.type : 'UNKNOWN';
		const message = typeof error.message === 'string' ? error.message : 'Hex gave no message';
		return {
			state: 'failed',
			message: `The Hex thread stopped with error ${type}: ${message} (${linkTo(THREAD, thread)})`,
		};
	}
	return { state: 'pending' };
}

async function waitForThread(
	context: IExecuteSingleFunctions,
	answer: IDataObject,
): Promise<IDataObject> {
	const settings = readThreadWaitSettings(context);
	const threadId = answer.threadId;
	// Hex's own answer: any non-empty ID, encoded so that it stays one path segment.
	if (typeof threadId !== 'string' || ['', '.', '..'].includes(threadId.trim())) {
		throw new NodeOperationError(
			context.getNode(),
			'Hex answered without a thread ID to wait for',
			{ description: `The answer was ${JSON.stringify(answer)}.` },
		);
	}
	return await pollUntilSettled(
		context,
		{
			url: `/v1/threads/${encodeURIComponent(threadId)}`,
			kind: THREAD,
			known: answer,
			judge: judgeThread,
			onUnfinished: async () => ({ outcome: 'it keeps running in Hex' }),
		},
		settings,
	);
}

/**
 * Create and Continue: with Wait Until Idle on, polls GetThread until the agent is done and
 * outputs Hex's answer merged with the thread (status, response, resources…).
 */
export async function waitUntilIdle(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	if (!isWaiting(this)) return items;
	return await Promise.all(
		items.map(async (item) =>
			waitOrErrorItem(this, item, item.json, async () => waitForThread(this, item.json)),
		),
	);
}
