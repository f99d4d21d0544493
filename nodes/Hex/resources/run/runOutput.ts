import type { IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

import { readHexId } from '../../shared/pathParameters';
import { RUN_PROJECT_ID } from './runProject';

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
