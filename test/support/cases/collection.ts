import { locator } from '../hex';
import type { OperationCases } from './types';
import { PRISM_IDS } from './types';

export const collectionCases: OperationCases = {
	'collection.getAll': {
		prism: { returnAll: true, sort: { sortBy: 'NAME' } },
		fake: () => ({ limit: 5 }),
	},
	'collection.get': {
		prism: { collectionId: locator(PRISM_IDS.collection) },
		fake: (fake) => ({ collectionId: locator(fake.state.collections[0].id) }),
	},
	'collection.create': {
		prism: {
			collectionName: 'Finance Dashboards',
			collectionAdditionalFields: {
				description: 'Monthly close',
				userAccess: { user: [{ id: PRISM_IDS.user, access: 'MANAGER' }] },
				groupAccess: { group: [{ id: PRISM_IDS.group, access: 'MEMBER' }] },
				workspaceMembersAccess: 'NONE',
			},
		},
		fake: (_fake, _fixture, index) => ({ collectionName: `Fault Matrix ${index}` }),
	},
	'collection.update': {
		prism: {
			collectionId: locator(PRISM_IDS.collection),
			collectionUpdateFields: {
				name: 'Finance',
				description: 'Renamed',
				userAccess: { user: [{ id: PRISM_IDS.user, access: 'NONE' }] },
				groupAccess: { group: [{ id: PRISM_IDS.group, access: 'MANAGER' }] },
				workspaceMembersAccess: 'MEMBER',
			},
		},
		fake: (fake) => ({
			collectionId: locator(fake.state.collections[0].id),
			collectionUpdateFields: { description: 'Updated by the fault matrix' },
		}),
	},
};
