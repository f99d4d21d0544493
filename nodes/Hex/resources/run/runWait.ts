import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
} from 'n8n-workflow';

import { sendToHex } from '../../shared/hexRequest';
import { readHexId } from '../../shared/pathParameters';
import type { PollVerdict, WaitSubject } from '../../shared/waits';
import { linkTo, pollUntilSettled, readWaitSettings, waitOrErrorItem } from '../../shared/waits';
import { isFinalRunStatus } from './runOutput';
import { RUN_PROJECT_ID } from './runProject';

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

const RUN: WaitSubject = {
	noun: 'run',
	goal: 'finish',
	name: (run) => `Run ${String(run.runId)} of project ${String(run.projectId)}`,
	urlField: 'runUrl',
};

/** COMPLETED is the only success, the other final statuses fail; any other keeps the wait going. */
function judgeRun(run: IDataObject): PollVerdict {
	if (run.status === 'COMPLETED') return { state: 'done' };
	if (isFinalRunStatus(run.status)) {
		const message = `The Hex run ended with status ${String(run.status)}: ${linkTo(RUN, run)}`;
		return { state: 'failed', message };
	}
	return { state: 'pending' };
}

/** Cancels the run; what happened, as the end of a sentence, and whether it worked. */
async function cancelRun(
	context: IExecuteSingleFunctions,
	url: string,
): Promise<{ outcome: string; cancelled: boolean }> {
	try {
		// Sent even when the execution was stopped: that is when it matters most.
		await sendToHex(context, { method: 'DELETE', url }, { outlivesExecution: true });
		return { outcome: 'it was cancelled', cancelled: true };
	} catch (error) {
		return {
			outcome: `cancelling it failed (${(error as Error).message}), so it may still be running`,
			cancelled: false,
		};
	}
}

async function waitForRun(
	context: IExecuteSingleFunctions,
	ids: { projectId: string; runId: string },
	started: IDataObject,
	first?: IDataObject,
): Promise<IDataObject> {
	const settings = readRunWaitSettings(context);
	const url = `/v1/projects/${encodeURIComponent(ids.projectId)}/runs/${encodeURIComponent(ids.runId)}`;
	return await pollUntilSettled(
		context,
		{
			url,
			kind: RUN,
			known: started,
			judge: judgeRun,
			onUnfinished: async (reason, cause) => {
				const { outcome, cancelled } = settings.cancelOnTimeout
					? await cancelRun(context, url)
					: { outcome: 'it was left running', cancelled: false };
				const notes =
					reason === 'timeout' && cause ? [`The last status check failed: ${cause.message}`] : [];
				return { outcome, marks: { cancelled }, notes };
			},
		},
		settings,
		first,
	);
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
