import { locator } from '../hex';
import type { OperationCases } from './types';
import { PRISM_IDS } from './types';

const OTHER_USER = '8b7c6d5e-4f3a-4b2c-9d1e-0f9a8b7c6d5e';

export const projectSharingCases: OperationCases = {
	'project.shareWithUsers': {
		prism: {
			projectId: locator(PRISM_IDS.project),
			userIds: `${PRISM_IDS.user}, ${OTHER_USER}`,
			access: 'CAN_EDIT',
			// Prism's made-up answer may list per-item errors.
			options: { ignorePerItemErrors: true },
		},
		fake: (fake, fixture) => ({
			projectId: locator(fixture.projectId),
			userIds: `${fake.state.users[1].id}, ${fake.state.users[2].id}`,
			access: 'CAN_VIEW',
		}),
	},
	'project.shareWithGroups': {
		prism: {
			projectId: locator(PRISM_IDS.project),
			groupIds: PRISM_IDS.group,
			access: 'FULL_ACCESS',
			options: { ignorePerItemErrors: true },
		},
		fake: (fake, fixture) => ({
			projectId: locator(fixture.projectId),
			groupIds: fake.state.groups[1].id,
			access: 'APP_ONLY',
		}),
	},
	'project.shareWithCollections': {
		prism: {
			projectId: locator(PRISM_IDS.project),
			collectionIds: PRISM_IDS.collection,
			access: 'NONE',
			options: { ignorePerItemErrors: true },
		},
		fake: (fake, fixture) => ({
			projectId: locator(fixture.projectId),
			collectionIds: fake.state.collections[1].id,
			access: 'CAN_VIEW',
		}),
	},
	'project.updateWorkspaceAndPublicAccess': {
		prism: {
			projectId: locator(PRISM_IDS.project),
			workspaceAccess: 'CAN_VIEW',
			publicWebAccess: 'APP_ONLY',
			options: { ignorePerItemErrors: true },
		},
		fake: (_fake, fixture) => ({
			projectId: locator(fixture.projectId),
			workspaceAccess: 'APP_ONLY',
			publicWebAccess: 'NONE',
		}),
	},
};
