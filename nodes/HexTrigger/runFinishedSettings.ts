import type { IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { FINISHED_STATUSES } from './runFields';

/** Requests one poll may send unless the user says otherwise: a third of Hex's 30 a minute. */
export const DEFAULT_MAX_REQUESTS_PER_POLL = 10;

/** The Run Finished parameters, checked before anything is sent. */
export interface RunFinishedSettings {
	statuses: Set<string>;
	allProjects: boolean;
	runTrigger: string;
	maxRequests: number;
}

export function readSettings(context: IPollFunctions): RunFinishedSettings {
	const statuses = (context.getNodeParameter('statuses', []) as string[]).filter((status) =>
		FINISHED_STATUSES.includes(status),
	);
	const maxRequests = context.getNodeParameter(
		'maxRequestsPerPoll',
		DEFAULT_MAX_REQUESTS_PER_POLL,
	) as unknown;
	if (typeof maxRequests !== 'number' || !Number.isInteger(maxRequests) || maxRequests < 1) {
		throw new NodeOperationError(
			context.getNode(),
			`The "Max Requests per Poll" parameter must be a whole number of at least 1, got ${JSON.stringify(maxRequests)}`,
			{
				description: `Hex allows about 30 requests a minute per token, shared by every workflow using it; ${DEFAULT_MAX_REQUESTS_PER_POLL} leaves most of that to them.`,
			},
		);
	}
	return {
		// None chosen means any terminal status.
		statuses: new Set(statuses.length ? statuses : FINISHED_STATUSES),
		allProjects: context.getNodeParameter('projectScope', 'all') === 'all',
		runTrigger: String(context.getNodeParameter('runTrigger', 'ALL')),
		maxRequests,
	};
}
