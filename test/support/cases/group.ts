import { locator } from '../hex';
import type { OperationCases } from './types';
import { PRISM_IDS } from './types';

const OTHER_USER = '8b7c6d5e-4f3a-4b2c-9d1e-0f9a8b7c6d5e';

export const groupCases: OperationCases = {
	'group.getAll': {
		prism: { returnAll: true, sort: { sortBy: 'CREATED_AT', sortDirection: 'DESC' } },
		fake: () => ({ limit: 5 }),
	},
	'group.get': {
		prism: { groupId: locator(PRISM_IDS.group) },
		fake: (fake) => ({ groupId: locator(fake.state.groups[0].id) }),
	},
	'group.create': {
		prism: {
			groupName: 'Data Team',
			groupAdditionalFields: { memberUserIds: `${PRISM_IDS.user}, ${OTHER_USER}` },
		},
		fake: (fake, _fixture, index) => ({
			groupName: `Fault Matrix ${index}`,
			groupAdditionalFields: { memberUserIds: fake.state.users[1].id },
		}),
	},
	'group.update': {
		prism: {
			groupId: locator(PRISM_IDS.group),
			groupUpdateFields: {
				name: 'Analytics',
				addUserIds: PRISM_IDS.user,
				removeUserIds: OTHER_USER,
			},
		},
		fake: (fake) => ({
			groupId: locator(fake.state.groups[0].id),
			groupUpdateFields: { name: 'Renamed', addUserIds: fake.state.users[2].id },
		}),
	},
	'group.delete': {
		prism: { groupId: locator(PRISM_IDS.group) },
		// A fresh group each time: a delete that succeeded cannot be repeated.
		fake: (fake, _fixture, index) => {
			const id = fake.state.newId();
			fake.state.groups.push({ id, name: `To Delete ${index}`, memberIds: [] });
			return { groupId: locator(id) };
		},
	},
};
