import type { IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

import { readHexId } from '../../shared/pathParameters';
import { RUN_PROJECT_ID } from './runProject';

/** The final statuses of Hex's spec; any other status, or none, means the run may go on. */
const FINAL_RUN_STATUSES = ['COMPLETED', 'ERRORED', 'KILLED', 'UNABLE_TO_ALLOCATE_KERNEL'];

export function isFinalRunStatus(status: unknown): boolean {
	return typeof status === 'string' && FINAL_RUN_STATUSES.includes(status);
}

/**
 * Run → Get and Run → Start: adds `finished` (whether the run has a final status), so an If node
 * after the node needs no list of statuses. Start's answer has no status yet, so it says false
 * unless Start waited. A dry run creates no run and is left as Hex answered it; error items
 * (`{ error }`, under On Error: Continue) stay as they are, since n8n routes them by that shape.
 */
export async function addRunFinished(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	// Only Start has a Dry Run option; for Get this is always the default, false.
	if (this.getNodeParameter('options.dryRun', false) === true) return items;
	return items.map((item) =>
		'error' in item.json
			? item
			: { ...item, json: { ...item.json, finished: isFinalRunStatus(item.json.status) } },
	);
}

/** CancelRun answers 204 with no body; say what was cancelled instead of an empty item. */
export async function cancelledRun(this: IExecuteSingleFunctions): Promise<INodeExecutionData[]> {
	return [
		{
			json: {
				projectId: readHexId(this, RUN_PROJECT_ID),
				runId: readHexId(this, 'runId'),
				cancelled: true,
			},
		},
	];
}
