import type { IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

import { readHexId } from '../../shared/pathParameters';

/** CancelRun answers 204 with no body; say what was cancelled instead of an empty item. */
export async function cancelledRun(this: IExecuteSingleFunctions): Promise<INodeExecutionData[]> {
	return [
		{
			json: {
				projectId: readHexId(this, 'projectId'),
				runId: readHexId(this, 'runId'),
				cancelled: true,
			},
		},
	];
}
