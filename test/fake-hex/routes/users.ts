import { HexApiError } from '../envelopes';
import { paginate, sortBy } from './pagination';
import type { HandlerTable } from './types';

export const userHandlers: HandlerTable = {
	Me: (_req, { state, tokenKind }) => {
		const org = { id: state.orgId };
		const token = { exp: state.tokenExp };
		// Workspace tokens are not tied to a user: Hex omits the user fields.
		if (tokenKind === 'workspace') return { body: { org, token } };
		const me = state.findUser(state.meUserId);
		if (!me) throw new HexApiError(404, 'User not found');
		return { body: { ...me, org, token } };
	},

	ListUsers: ({ query }, { state }) => {
		let users = state.activeUsers();
		if (query.groupId) {
			const group = state.groups.find((g) => g.id === query.groupId);
			if (!group) throw new HexApiError(404, `Group ${query.groupId} not found`);
			const members = new Set(group.memberIds);
			users = users.filter((u) => members.has(u.id));
		}
		if (query.userIds) {
			const wanted = new Set(
				query.userIds
					.split(',')
					.map((id) => id.trim())
					.filter(Boolean),
			);
			users = users.filter((u) => wanted.has(u.id));
		}
		const sorted = sortBy(
			users,
			(u) => (query.sortBy === 'EMAIL' ? u.email : (u.name ?? u.email)).toLowerCase(),
			query.sortDirection,
		);
		return { body: paginate('ListUsers', sorted, query) };
	},

	// Deactivated users are kept in state.users (tests can still inspect them) but disappear from
	// ListUsers, the way Hex's active user list drops them.
	DeactivateUser: ({ path }, { state }) => {
		const user = state.findUser(path.userId);
		if (!user) throw new HexApiError(404, `User ${path.userId} not found`);
		if (state.deactivatedUserIds.has(user.id)) {
			throw new HexApiError(400, `User ${user.id} is already deactivated`);
		}
		if (user.id === state.meUserId) throw new HexApiError(400, 'You cannot deactivate yourself');
		state.deactivatedUserIds.add(user.id);
		return { body: { user } };
	},
};
