import type {
	IDataObject,
	IDisplayOptions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { PollVerdict } from '../../shared/polling';
import { pollHex } from '../../shared/polling';

const MIN_POLL_INTERVAL_SECONDS = 2;
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
	];
}

interface WaitSettings {
	intervalMs: number;
	timeoutMs: number;
	timeoutSeconds: number;
}

function readWaitSettings(context: IExecuteSingleFunctions): WaitSettings {
	const interval = context.getNodeParameter('pollInterval', 10) as unknown;
	const timeout = context.getNodeParameter('timeout', DEFAULT_TIMEOUT_SECONDS) as unknown;
	if (typeof interval !== 'number' || !(interval >= MIN_POLL_INTERVAL_SECONDS)) {
		throw new NodeOperationError(
			context.getNode(),
			`The "Poll Interval" parameter must be at least ${MIN_POLL_INTERVAL_SECONDS} seconds, got ${JSON.stringify(interval)}`,
			{
				description:
					'Hex allows about 30 status requests per minute; 10 seconds is a good interval. Nothing was sent to Hex.',
			},
		);
	}
	if (typeof timeout !== 'number' || !(timeout > 0)) {
		throw new NodeOperationError(
			context.getNode(),
			`The "Timeout" parameter must be a positive number of seconds, got ${JSON.stringify(timeout)}`,
			{
				description:
					'Set how long to wait for the agent, e.g. 600 for ten minutes. Nothing was sent to Hex.',
			},
		);
	}
	return { intervalMs: interval * 1000, timeoutMs: timeout * 1000, timeoutSeconds: timeout };
}

const isWaiting = (context: IExecuteSingleFunctions) =>
	context.getNodeParameter('waitUntilIdle', false) === true;

/** Bad wait settings are refused before the thread is created or continued, not after. */
export async function checkThreadWaitSettings(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	if (isWaiting(this)) readWaitSettings(this);
	return requestOptions;
}

function where(thread: IDataObject): string {
	return `Thread ${String(thread.threadId)}: ${String(thread.url ?? 'no URL')}`;
}

/** IDLE is done, ERROR fails; RUNNING and anything Hex's spec does not list keep the wait going. */
function judgeThread(thread: IDataObject): PollVerdict {
	if (thread.status === 'IDLE') return { state: 'done', value: thread };
	if (thread.status === 'ERROR') {
		const error = (thread.error ?? {}) as IDataObject;
		const type = typeof error.type === 'string' ? error.type : 'UNKNOWN';
		const message = typeof error.message === 'string' ? error.message : 'Hex gave no message';
		return {
			state: 'failed',
			message: `The Hex thread stopped with error ${type}: ${message}`,
			description: where(thread),
		};
	}
	return { state: 'pending' };
}

async function waitForThread(
	context: IExecuteSingleFunctions,
	answer: IDataObject,
): Promise<IDataObject> {
	const settings = readWaitSettings(context);
	const threadId = answer.threadId;
	// Hex's own answer: any non-empty ID, encoded so that it stays one path segment.
	if (typeof threadId !== 'string' || ['', '.', '..'].includes(threadId.trim())) {
		throw new NodeOperationError(
			context.getNode(),
			'Hex answered without a thread ID to wait for',
			{ description: `The answer was ${JSON.stringify(answer)}.` },
		);
	}
	const idle = await pollHex(
		context,
		{
			method: 'GET',
			url: `/v1/threads/${encodeURIComponent(threadId)}`,
			judge: judgeThread,
			onTimeout: async (last) => {
				const thread = { ...answer, ...last };
				return new NodeOperationError(
					context.getNode(),
					`The Hex thread did not become idle within ${settings.timeoutSeconds} seconds; it keeps running in Hex`,
					{
						description: `${where(thread)}. Its last status was ${String(thread.status ?? 'unknown')}. Get it later with Thread → Get.`,
					},
				);
			},
		},
		settings,
	);
	return { ...answer, ...idle };
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
		items.map(async (item) => ({ ...item, json: await waitForThread(this, item.json) })),
	);
}
