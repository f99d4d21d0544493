import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
} from 'n8n-workflow';
import type { PollVerdict } from '../../shared/polling';
import { readHexId } from '../../shared/pathParameters';
import {
	hexFullRequest,
	pollHex,
	readWaitSettings,
	waitFailure,
	waitOrErrorItem,
} from '../../shared/polling';
import { RUN_PROJECT_ID } from './runProject';

const FAILED_STATUSES = ['ERRORED', 'KILLED', 'UNABLE_TO_ALLOCATE_KERNEL'];

const DEFAULT_TIMEOUT_SECONDS = 3600;

function readRunWaitSettings(context: IExecuteSingleFunctions) {
	return {
		...readWaitSettings(
			context,
			DEFAULT_TIMEOUT_SECONDS,
			'Set how long to wait for the run, e.g. 3600 for an hour.',
		),
		cancelOnTimeout: context.getNodeParameter('cancelOnTimeout', true) !== false,
	};
}

const runUrlOf = (run: IDataObject) => String(run.runUrl ?? 'no run URL');

function where(run: IDataObject): string {
	return `Run ${String(run.runId)} of project ${String(run.projectId)}: ${runUrlOf(run)}`;
}

/** COMPLETED is the only success; anything not in Hex's spec keeps the wait going. */
function judgeRun(run: IDataObject): PollVerdict {
	if (run.status === 'COMPLETED') return { state: 'done', value: run };
	if (typeof run.status === 'string' && FAILED_STATUSES.includes(run.status)) {
		return {
			state: 'failed',
			message: `The Hex run ended with status ${run.status}: ${runUrlOf(run)}`,
			description: where(run),
			subject: run,
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
	const settings = readRunWaitSettings(context);
	const url = `/v1/projects/${encodeURIComponent(ids.projectId)}/runs/${encodeURIComponent(ids.runId)}`;
	const finished = await pollHex(
		context,
		{
			method: 'GET',
			url,
			judge: (run) => judgeRun({ ...started, ...run }),
			onTimeout: async (last) => {
				const run = { ...started, ...last };
				const waited = `The Hex run did not finish within ${settings.timeoutSeconds} seconds`;
				const lastStatus = `${where(run)}. Its last status was ${String(run.status ?? 'unknown')}.`;
				const timedOut = (outcome: string, cancelled: boolean) =>
					waitFailure(context, `${waited}; ${outcome}: ${runUrlOf(run)}`, lastStatus, {
						...run,
						timedOut: true,
						cancelled,
					});
				if (!settings.cancelOnTimeout) return timedOut('it was left running', false);
				const cancel = await hexFullRequest(context, 'DELETE', url);
				return cancel.statusCode < 300
					? timedOut('it was cancelled', true)
					: timedOut(
							`cancelling it failed (HTTP ${cancel.statusCode}), so it may still be running`,
							false,
						);
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
	if (this.getNodeParameter('waitForCompletion', false) === true) readRunWaitSettings(this);
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
			return await waitOrErrorItem(this, item, item.json, async () =>
				waitForRun(this, ids, item.json),
			);
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
	const ids = { projectId: readHexId(this, RUN_PROJECT_ID), runId: readHexId(this, 'runId') };
	return await Promise.all(
		items.map(async (item) =>
			waitOrErrorItem(this, item, { ...ids, ...item.json }, async () =>
				waitForRun(this, ids, item.json, item.json),
			),
		),
	);
}
