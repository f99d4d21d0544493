import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { isObject, timeOf } from './state';

/** Terminal statuses in Hex's spec; anything else never counts as finished. */
export const FINISHED_STATUSES = ['COMPLETED', 'ERRORED', 'KILLED', 'UNABLE_TO_ALLOCATE_KERNEL'];
const UNFINISHED_STATUSES = ['PENDING', 'RUNNING'];

export const runsUrl = (projectId: string) => `/v1/projects/${encodeURIComponent(projectId)}/runs`;
export const runIdOf = (run: IDataObject) => (typeof run.runId === 'string' ? run.runId : '');
export const isFinished = (run: IDataObject) => FINISHED_STATUSES.includes(String(run.status));
export const isUnfinished = (run: IDataObject) => UNFINISHED_STATUSES.includes(String(run.status));
/** Where a run sits in time: its start, or its end for a run that never started. */
export const runTime = (run: IDataObject) => timeOf(run.startTime) ?? timeOf(run.endTime);
export const endTime = (run: IDataObject) => timeOf(run.endTime) ?? runTime(run);

/** The runs of a GetProjectRuns answer; entries without a run ID cannot be tracked. */
export function runsOf(body: IDataObject): IDataObject[] {
	const runs = Array.isArray(body.runs) ? (body.runs as unknown[]) : [];
	return runs.filter((run): run is IDataObject => isObject(run) && runIdOf(run) !== '');
}

/** A run found by a poll, with its project's title in All Projects mode. */
export interface FoundRun {
	run: IDataObject;
	title?: string;
}

export function toItems(runs: FoundRun[]): INodeExecutionData[] {
	return runs.map(({ run, title }) => ({
		json: { ...run, ...(title !== undefined ? { projectTitle: title } : {}) },
	}));
}
