import type { OperationCases } from './types';

export const topicCases: OperationCases = {
	'topic.getAll': {
		prism: { returnAll: true },
		fake: () => ({ limit: 5 }),
	},
};
