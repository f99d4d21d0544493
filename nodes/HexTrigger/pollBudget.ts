import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import type { Answer } from './requests';
import { getAnswer } from './requests';

/** A poll stops starting new projects after this share of n8n's poll budget. */
const BUDGET_SHARE = 0.5;
const DEFAULT_POLL_BUDGET_MS = 5 * 60_000;

/** Every request of a poll goes through one counter, so the poll can keep to its budget. */
export interface PollRequests {
	used: number;
	ask: (url: string, qs?: IDataObject) => Promise<Answer>;
}

export function countedRequests(context: IPollFunctions): PollRequests {
	const requests: PollRequests = {
		used: 0,
		ask: async (url, qs) => {
			requests.used += 1;
			return await getAnswer(context, url, qs);
		},
	};
	return requests;
}

/** When a poll that started at `startedAt` stops starting new projects (n8n's clock, ms). */
export function pollDeadline(context: IPollFunctions, startedAt: number): number {
	const budget =
		typeof context.getPollBudgetMs === 'function'
			? context.getPollBudgetMs()
			: DEFAULT_POLL_BUDGET_MS;
	return startedAt + budget * BUDGET_SHARE;
}
