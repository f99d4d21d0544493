import type { z } from 'zod';

import { HexApiError } from '../envelopes';
import type { zCollectionApiResource } from '../generated/zod.gen';
import { digest } from '../random';
import type { Collection, FakeHexState } from '../state';
import { paginate, sortBy } from './pagination';
import type { HandlerTable } from './types';

type CollectionResource = z.output<typeof zCollectionApiResource>;
type Sharing = CollectionResource['sharing'];
type Details = Omit<CollectionResource, 'id' | 'name'>;

// What Hex keeps about a collection besides its ID and name (the shared state has only those).
const detailsByState = new WeakMap<FakeHexState, Map<string, Details>>();

function detailsMap(state: FakeHexState): Map<string, Details> {
	let map = detailsByState.get(state);
	if (!map) {
		map = new Map();
		detailsByState.set(state, map);
	}
	return map;
}

/** Seeded collections get a creator and workspace sharing derived from their ID (no random draw). */
function detailsOf(state: FakeHexState, collection: Collection): Details {
	const map = detailsMap(state);
	let details = map.get(collection.id);
	if (!details) {
		const pick = parseInt(digest(`collection:${collection.id}`, 6), 16);
		const creator = state.users[pick % Math.max(1, state.users.length)];
		details = {
			description: `The ${collection.name} collection`,
			sharing: { users: [], groups: [], workspace: { members: pick % 2 ? 'MEMBER' : 'NONE' } },
		};
		if (creator) details.creator = { email: creator.email, id: creator.id };
		map.set(collection.id, details);
	}
	return details;
}

export function collectionView(state: FakeHexState, collection: Collection): CollectionResource {
	const details = detailsOf(state, collection);
	return { id: collection.id, name: collection.name, ...structuredClone(details) };
}

function requireCollection(state: FakeHexState, id: string): Collection {
	const collection = state.collections.find((c) => c.id === id);
	if (!collection) throw new HexApiError(404, `Collection ${id} not found`);
	return collection;
}

/** Every user and group named must exist; Hex refuses the whole request otherwise. */
function checkSharing(state: FakeHexState, sharing: Sharing | undefined): void {
	const users = new Set(state.activeUsers().map((u) => u.id));
	const groups = new Set(state.groups.map((g) => g.id));
	const issues = [
		...(sharing?.users ?? []).filter((u) => !users.has(u.id)).map((u) => `User ${u.id} not found`),
		...(sharing?.groups ?? [])
			.filter((g) => !groups.has(g.id))
			.map((g) => `Group ${g.id} not found`),
	];
	if (issues.length) throw new HexApiError(400, 'Invalid sharing', issues);
}

/** Upsert by ID; NONE removes the entry. */
function upsert(
	current: Array<{ id: string; access: string }> | undefined,
	changes: Array<{ id: string; access: string }> | undefined,
) {
	const byId = new Map((current ?? []).map((entry) => [entry.id, entry.access]));
	for (const change of changes ?? []) {
		if (change.access === 'NONE') byId.delete(change.id);
		else byId.set(change.id, change.access);
	}
	return [...byId].map(([id, access]) => ({ id, access }));
}

export const collectionHandlers: HandlerTable = {
	ListCollections: ({ query }, { state }) => {
		// Without sortBy Hex's order is unspecified; the fake keeps creation order.
		const sorted =
			query.sortBy === 'NAME'
				? sortBy(state.collections, (c) => c.name.toLowerCase(), 'ASC')
				: state.collections;
		const page = paginate('ListCollections', sorted, query);
		return { body: { ...page, values: page.values.map((c) => collectionView(state, c)) } };
	},

	GetCollection: ({ path }, { state }) => ({
		body: collectionView(state, requireCollection(state, path.collectionId)),
	}),

	CreateCollection: ({ body }, { state }) => {
		if (body.name.trim() === '') throw new HexApiError(400, 'name must not be empty');
		checkSharing(state, body.sharing);
		const collection: Collection = { id: state.newId(), name: body.name };
		const me = state.findUser(state.meUserId);
		const details: Details = {
			sharing: {
				users: upsert([], body.sharing?.users),
				groups: upsert([], body.sharing?.groups),
				workspace: { members: body.sharing?.workspace?.members ?? 'NONE' },
			},
		};
		if (body.description !== undefined) details.description = body.description;
		if (me) details.creator = { email: me.email, id: me.id };
		state.collections.push(collection);
		detailsMap(state).set(collection.id, details);
		return { status: 201, body: collectionView(state, collection) };
	},

	EditCollection: ({ path, body }, { state }) => {
		const collection = requireCollection(state, path.collectionId);
		const details = detailsOf(state, collection);
		const changes = body.sharing?.upsert;
		checkSharing(state, changes);
		if (body.name !== undefined) collection.name = body.name;
		if (body.description !== undefined) details.description = body.description;
		if (changes) {
			details.sharing = {
				users: upsert(details.sharing.users, changes.users),
				groups: upsert(details.sharing.groups, changes.groups),
				workspace: { ...details.sharing.workspace, ...changes.workspace },
			};
		}
		return { body: collectionView(state, collection) };
	},
};
