import { locator } from '../hex';
import type { OperationCases } from './types';
import { PRISM_IDS } from './types';

export const projectCases: OperationCases = {
	'project.getAll': {
		prism: {
			returnAll: true,
			filters: {
				includeArchived: true,
				includeComponents: true,
				includeSharing: true,
				includeTrashed: true,
				statuses: 'Approved, In Review',
				categories: 'Finance',
				creatorEmail: 'a@example.com',
				ownerEmail: 'b@example.com',
				collectionId: PRISM_IDS.collection,
			},
			sort: { sortBy: 'LAST_PUBLISHED_AT', sortDirection: 'ASC' },
		},
		fake: () => ({ limit: 5 }),
	},
	'project.get': {
		prism: { projectId: locator(PRISM_IDS.project), options: { includeSharing: true } },
		fake: (_fake, fixture) => ({ projectId: locator(fixture.projectId) }),
	},
	'project.create': {
		prism: { title: 'Churn', additionalFields: { description: 'Weekly churn' } },
		fake: () => ({ title: 'Fault Matrix' }),
	},
	'project.update': {
		prism: { projectId: locator(PRISM_IDS.project), statusAction: 'remove' },
		fake: (fake, fixture) => ({
			projectId: locator(fixture.projectId),
			statusAction: 'set',
			status: fake.state.statuses[0],
		}),
	},
	'project.export': {
		prism: { projectId: locator(PRISM_IDS.project), version: 'number', versionNumber: 3 },
		fake: (_fake, fixture) => ({ projectId: locator(fixture.projectId), version: 'draft' }),
	},
	'project.getQueriedTables': {
		prism: { projectId: locator(PRISM_IDS.project), returnAll: true },
		fake: (_fake, fixture) => ({ projectId: locator(fixture.projectId), limit: 5 }),
	},
};
