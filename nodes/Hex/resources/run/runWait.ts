import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { PollVerdict } from '../../shared/polling';
import { readHexId } from '../../shared/pathParameters';
import { hexFullRequest, pollHex } from '../../shared/polling';

const FAILED_STATUSES = ['ERRORED', 'KILLED', 'UNABLE_TO_ALLOCATE_KERNEL'];
const MIN_POLL_INTERVAL_SECONDS = 2;

interface WaitSettings {
	intervalMs: number;
	timeoutMs: number;
	cancelOnTimeout: boolean;
	timeoutSeconds: number;
}

function readWaitSettings(context: IExecuteSingleFunctions): WaitSettings {
	const interval = context.getNodeParameter('pollInterval', 10) as unknown;
	const timeout = context.getNodeParameter('timeout', 3600) as unknown;
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
					'Set how long to wait for the run, e.g. 3600 for an hour. Nothing was sent to Hex.',
			},
		);
	}
	return {
		intervalMs: interval * 1000,
		timeoutMs: timeout * 1000,
		timeoutSeconds: timeout,
		cancelOnTimeout: context.getNodeParameter('cancelOnTimeout', true) !== false,
	};
}

function where(run: IDataObject): string {
	return `Run ${String(run.runId)} of project ${String(run.projectId)}: ${String(run.runUrl ?? 'no URL')}`;
}

/** COMPLETED is the only success; anything not in Hex's spec keeps the wait going. */
function judgeRun(run: IDataObject): PollVerdict {
	if (run.status === 'COMPLETED') return { state: 'done', value: run };
	if (typeof run.status === 'string' && FAILED_STATUSES.includes(run.status)) {
		return {
			state: 'failed',
			message: `The Hex run ended with status ${run.status}`,
			description: where(run),
		};
	}
	return { state: 'pending' };
}

interface RunIds {
	projectId: string;
	runId: string;
}

async function waitForRun(
	context: IExecuteSingleFunctions,
	ids: RunIds,
	started: IDataObject,
	first?: IDataObject,
): Promise<IDataObject> {
	const settings = readWaitSettings(context);
	const url = `/v1/projects/${encodeURIComponent(ids.projectId)}/runs/${encodeURIComponent(ids.runId)}`;
	const finished = await pollHex(
		context,
		{
			method: 'GET',
			url,
			judge: judgeRun,
			onTimeout: async (last) => {
				const run = { ...started, ...last };
				const waited = `The Hex run did not finish within ${settings.timeoutSeconds} seconds`;
				if (!settings.cancelOnTimeout) {
					return new NodeOperationError(context.getNode(), `${waited}; it was left running`, {
						description: `${where(run)}. Its last status was ${String(run.status ?? 'unknown')}.`,
					});
				}
				const cancel = await hexFullRequest(context, 'DELETE', url);
				const outcome =
					cancel.statusCode < 300
						? 'it was cancelled'
						: `cancelling it failed (HTTP ${cancel.statusCode}), so it may still be running`;
				return new NodeOperationError(context.getNode(), `${waited}; ${outcome}`, {
					description: `${where(run)}. Its last status was ${String(run.status ?? 'unknown')}.`,
				});
			},
		},
		settings,
		first,
	);
	return { ...started, ...finished };
}

/** Run → Start: bad wait settings are refused before the run is started, not after. */
export async function checkWaitSettings(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	if (this.getNodeParameter('waitForCompletion', false) === true) readWaitSettings(this);
	return requestOptions;
}

/** Run → Start: waits when asked to, never for a dry run (it creates no run). */
export async function waitAfterStart(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	if (this.getNodeParameter('waitForCompletion', false) !== true) return items;
	if (this.getNodeParameter('options.dryRun', false) === true) return items;
	return await Promise.all(
		items.map(async (item) => {
			const ids = { projectId: String(item.json.projectId), runId: String(item.json.runId) };
			return { ...item, json: await waitForRun(this, ids, item.json) };
		}),
	);
}

/**
 * Run → Wait for Completion: polls the run the user named (not IDs echoed in the answer); the
 * first status comes from the operation's own request.
 */
export async function waitForExistingRun(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const ids = { projectId: readHexId(this, 'projectId'), runId: readHexId(this, 'runId') };
	return await Promise.all(
		items.map(async (item) => ({
			...item,
			json: await waitForRun(this, ids, item.json, item.json),
		})),
	);
}
