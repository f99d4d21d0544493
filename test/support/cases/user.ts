import { locator } from '../hex';
import type { OperationCases } from './types';
import { PRISM_IDS } from './types';

export const userCases: OperationCases = {
	'user.getAll': {
		prism: {
			returnAll: true,
			filters: { groupId: PRISM_IDS.group, userIds: `${PRISM_IDS.user}, ${PRISM_IDS.user}` },
			sort: { sortBy: 'EMAIL', sortDirection: 'DESC' },
		},
		fake: () => ({ limit: 5 }),
	},
	'user.getCurrent': { prism: {}, fake: () => ({}) },
	'user.deactivate': {
		prism: { userId: locator(PRISM_IDS.user) },
		fake: (fake, _fixture, index) => ({ userId: locator(fake.state.users[10 + index].id) }),
	},
};
