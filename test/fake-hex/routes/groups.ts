import { HexApiError } from '../envelopes';
import { digest } from '../random';
import type { FakeHexState, Group } from '../state';
import { paginate, sortBy } from './pagination';
import type { HandlerTable } from './types';

// Hex's groups have a creation time the shared state does not keep; it lives here, per state.
const createdAtByState = new WeakMap<FakeHexState, Map<string, string>>();

// Seeded groups were created before this instant (derived from their ID, so no random draw).
const SEED_EPOCH = Date.parse('2025-06-02T12:00:00.000Z');
const DAY_MS = 86_400_000;

function createdAts(state: FakeHexState): Map<string, string> {
	let map = createdAtByState.get(state);
	if (!map) {
		map = new Map();
		createdAtByState.set(state, map);
	}
	return map;
}

/** When a group was created: recorded for groups made through CreateGroup, derived for seeded ones. */
export function groupCreatedAt(state: FakeHexState, group: Group): string {
	const map = createdAts(state);
	let createdAt = map.get(group.id);
	if (!createdAt) {
		const daysAgo = parseInt(digest(`group:${group.id}`, 6), 16) % 900;
		createdAt = new Date(SEED_EPOCH - (daysAgo + 30) * DAY_MS).toISOString();
		map.set(group.id, createdAt);
	}
	return createdAt;
}

export function requireGroup(state: FakeHexState, id: string): Group {
	const group = state.groups.find((g) => g.id === id);
	if (!group) throw new HexApiError(404, `Group ${id} not found`);
	return group;
}

const groupView = (state: FakeHexState, group: Group) => ({
	id: group.id,
	name: group.name,
	createdAt: groupCreatedAt(state, group),
});

/** Members must be active users of the workspace; Hex refuses the whole request otherwise. */
function memberIds(state: FakeHexState, users: Array<{ id: string }> | undefined): string[] {
	const active = new Set(state.activeUsers().map((u) => u.id));
	const ids = (users ?? []).map((u) => u.id);
	const unknown = ids.filter((id) => !active.has(id));
	if (unknown.length) {
		throw new HexApiError(
			400,
			'Unknown users',
			unknown.map((id) => `User ${id} not found`),
		);
	}
	return ids;
}

export const groupHandlers: HandlerTable = {
	ListGroups: ({ query }, { state }) => {
		const key =
			query.sortBy === 'CREATED_AT'
				? (g: Group) => groupCreatedAt(state, g)
				: (g: Group) => g.name.toLowerCase();
		const sorted = sortBy(state.groups, key, query.sortDirection ?? 'ASC');
		const page = paginate('ListGroups', sorted, query);
		return { body: { ...page, values: page.values.map((g) => groupView(state, g)) } };
	},

	GetGroup: ({ path }, { state }) => ({
		body: groupView(state, requireGroup(state, path.groupId)),
	}),

	CreateGroup: ({ body }, { state }) => {
		const ids = [...new Set(memberIds(state, body.members?.users))];
		const group: Group = { id: state.newId(), name: body.name, memberIds: ids };
		state.groups.push(group);
		createdAts(state).set(group.id, new Date().toISOString());
		return {
			status: 201,
			body: { id: group.id, name: group.name, members: { users: ids.map((id) => ({ id })) } },
		};
	},

	EditGroup: ({ path, body }, { state }) => {
		const group = requireGroup(state, path.groupId);
		const add = memberIds(state, body.members?.add?.users);
		const remove = new Set((body.members?.remove?.users ?? []).map((u) => u.id));
		if (body.name !== undefined) group.name = body.name;
		group.memberIds = [...new Set([...group.memberIds, ...add])].filter((id) => !remove.has(id));
		return { body: groupView(state, group) };
	},

	DeleteGroup: ({ path }, { state }) => {
		const group = requireGroup(state, path.groupId);
		state.groups = state.groups.filter((g) => g !== group);
		return { status: 204 };
	},
};
