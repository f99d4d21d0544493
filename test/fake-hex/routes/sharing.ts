import { HexApiError } from '../envelopes';
import type { FakeHexState, Project, ProjectSharing } from '../state';
import { projectView } from './projects';
import type { HandlerTable } from './types';

type Access = ProjectSharing['workspace']['access'];

function requireProject(state: FakeHexState, id: string): Project {
	const project = state.findProject(id);
	if (!project) throw new HexApiError(404, `Project ${id} not found`);
	return project;
}

function sharingOf(project: Project): ProjectSharing {
	project.sharing ??= {
		users: [],
		collections: [],
		groups: [],
		workspace: { access: 'NONE' },
		publicWeb: { access: 'NONE' },
		support: { access: 'NONE' },
	};
	return project.sharing;
}

/** Upserts one entry of a sharing list, keyed by what the list shows (email or name); NONE removes. */
function upsert<T extends { access: Access }>(
	list: T[],
	matches: (entry: T) => boolean,
	entry: T,
): T[] {
	const rest = list.filter((existing) => !matches(existing));
	if (entry.access === 'NONE') return rest;
	const index = list.findIndex(matches);
	if (index === -1) return [...rest, entry];
	const updated = [...list];
	updated[index] = entry;
	return updated;
}

// Public web links show the app only; the fake refuses more (Hex answers such refusals with a
// per-item error in a 200, which is what the node must surface).
const PUBLIC_WEB_LEVELS: Access[] = ['NONE', 'APP_ONLY'];

// Sharing answers carry the project with its sharing.
const answer = (project: Project) => projectView(project, true);

export const sharingHandlers: HandlerTable = {
	EditProjectSharingUsers: ({ path, body }, { state }) => {
		const project = requireProject(state, path.projectId);
		const sharing = sharingOf(project);
		const active = new Set(state.activeUsers().map((u) => u.id));
		const errors: Array<{ userIds: string[]; reason: string }> = [];
		for (const { user, access } of body.sharing.upsert.users) {
			const found = active.has(user.id) ? state.findUser(user.id) : undefined;
			if (!found) {
				errors.push({ userIds: [user.id], reason: 'User not found or deactivated' });
				continue;
			}
			sharing.users = upsert(sharing.users, (e) => e.user.email === found.email, {
				user: { email: found.email },
				access,
			});
		}
		return { body: { project: answer(project), ...(errors.length ? { errors } : {}) } };
	},

	EditProjectSharingGroups: ({ path, body }, { state }) => {
		const project = requireProject(state, path.projectId);
		const sharing = sharingOf(project);
		const errors: Array<{ groupIds: string[]; reason: string }> = [];
		for (const { group, access } of body.sharing.upsert.groups) {
			const found = state.groups.find((g) => g.id === group.id);
			if (!found) {
				errors.push({ groupIds: [group.id], reason: 'Group not found' });
				continue;
			}
			sharing.groups = upsert(sharing.groups, (e) => e.group.name === found.name, {
				group: { name: found.name },
				access,
			});
		}
		return { body: { project: answer(project), ...(errors.length ? { errors } : {}) } };
	},

	EditProjectSharingCollections: ({ path, body }, { state }) => {
		const project = requireProject(state, path.projectId);
		const sharing = sharingOf(project);
		const errors: Array<{ collectionIds: string[]; reason: string }> = [];
		let inCollections = state.projectCollections.get(project.id) ?? [];
		for (const { collection, access } of body.sharing.upsert.collections) {
			const found = state.collections.find((c) => c.id === collection.id);
			if (!found) {
				errors.push({ collectionIds: [collection.id], reason: 'Collection not found' });
				continue;
			}
			sharing.collections = upsert(sharing.collections, (e) => e.collection.name === found.name, {
				collection: { name: found.name },
				access,
			});
			inCollections = inCollections.filter((id) => id !== found.id);
			if (access !== 'NONE') inCollections.push(found.id);
		}
		state.projectCollections.set(project.id, inCollections);
		return { body: { project: answer(project), ...(errors.length ? { errors } : {}) } };
	},

	EditProjectSharingOrgAndPublic: ({ path, body }, { state }) => {
		const project = requireProject(state, path.projectId);
		const sharing = sharingOf(project);
		const errors: Array<{ type: 'workspace' | 'publicWeb'; reason: string }> = [];
		if (body.sharing.workspace !== undefined) {
			sharing.workspace = { access: body.sharing.workspace };
		}
		const publicWeb = body.sharing.publicWeb;
		if (publicWeb !== undefined) {
			if (PUBLIC_WEB_LEVELS.includes(publicWeb)) sharing.publicWeb = { access: publicWeb };
			else {
				errors.push({
					type: 'publicWeb',
					reason: `Public web access can only be ${PUBLIC_WEB_LEVELS.join(' or ')}`,
				});
			}
		}
		return { body: { project: answer(project), ...(errors.length ? { errors } : {}) } };
	},
};
