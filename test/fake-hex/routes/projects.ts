import { HexApiError } from '../envelopes';
import type { FakeHexState, Project } from '../state';
import { paginate, sortBy } from './pagination';
import type { HandlerTable } from './types';

/** A project as the API shows it: sharing only on request. */
export function projectView(project: Project, includeSharing: boolean | undefined): Project {
	const { sharing, ...rest } = project;
	return includeSharing && sharing ? { ...rest, sharing } : rest;
}

function requireProject(state: FakeHexState, id: string): Project {
	const project = state.findProject(id);
	if (!project) throw new HexApiError(404, `Project ${id} not found`);
	return project;
}

function slug(title: string): string {
	return (
		title
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-|-$/g, '') || 'project'
	);
}

const yamlString = (text: string) => JSON.stringify(text);

function exportYaml(state: FakeHexState, project: Project, version: string | number): string {
	const tables = state.queriedTables.get(project.id) ?? [];
	const lines = [
		'# Exported by the fake Hex API',
		'schemaVersion: 1',
		`projectId: ${project.id}`,
		`title: ${yamlString(project.title)}`,
		`description: ${project.description === null ? 'null' : yamlString(project.description)}`,
		`version: ${version}`,
		'cells:',
		'  - type: MARKDOWN',
		`    source: ${yamlString(`# ${project.title}`)}`,
		...tables.flatMap((t) => [
			'  - type: SQL',
			`    dataConnectionId: ${t.dataConnectionId}`,
			`    source: ${yamlString(`select * from ${t.tableName} limit 100`)}`,
		]),
	];
	return `${lines.join('\n')}\n`;
}

const sortKeys = {
	CREATED_AT: (p: Project) => p.createdAt,
	LAST_EDITED_AT: (p: Project) => p.lastEditedAt,
	LAST_PUBLISHED_AT: (p: Project) => p.lastPublishedAt,
} as const;

export const projectHandlers: HandlerTable = {
	ListProjects: ({ query }, { state }) => {
		const statuses = new Set(query.statuses);
		const categories = new Set(query.categories);
		const sameEmail = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
		const projects = state.projects.filter(
			(p) =>
				(query.includeArchived || p.archivedAt === null) &&
				(query.includeTrashed || p.trashedAt === null) &&
				(query.includeComponents || p.type !== 'COMPONENT') &&
				(!statuses.size || (p.status !== null && statuses.has(p.status.name))) &&
				(!categories.size || p.categories.some((c) => categories.has(c.name))) &&
				(!query.creatorEmail || sameEmail(p.creator.email, query.creatorEmail)) &&
				(!query.ownerEmail || sameEmail(p.owner.email, query.ownerEmail)) &&
				(!query.collectionId ||
					(state.projectCollections.get(p.id) ?? []).includes(query.collectionId)),
		);
		// Hex lists the most recently created first unless told otherwise.
		const sorted = sortBy(
			projects,
			sortKeys[query.sortBy ?? 'CREATED_AT'],
			query.sortDirection ?? 'DESC',
		);
		const page = paginate('ListProjects', sorted, query);
		return {
			body: { ...page, values: page.values.map((p) => projectView(p, query.includeSharing)) },
		};
	},

	GetProject: ({ path, query }, { state }) => ({
		body: projectView(requireProject(state, path.projectId), query.includeSharing),
	}),

	CreateProject: ({ body }, { state }) => {
		const me = state.findUser(state.meUserId) ?? state.users[0];
		const email = me?.email ?? 'api@example.com';
		const now = new Date().toISOString();
		const project: Project = {
			id: state.newId(),
			title: body.title,
			description: body.description ?? null,
			type: 'PROJECT',
			creator: { email },
			owner: { email },
			status: null,
			categories: [],
			reviews: { required: false },
			analytics: {
				appViews: { allTime: 0, lastSevenDays: 0, lastFourteenDays: 0, lastThirtyDays: 0 },
				lastViewedAt: null,
				publishedResultsUpdatedAt: null,
			},
			lastEditedAt: now,
			lastPublishedAt: null,
			createdAt: now,
			archivedAt: null,
			trashedAt: null,
			schedules: [],
			sharing: {
				users: [{ user: { email }, access: 'FULL_ACCESS' }],
				collections: [],
				groups: [],
				workspace: { access: 'NONE' },
				publicWeb: { access: 'NONE' },
				support: { access: 'NONE' },
			},
		};
		state.projects.unshift(project);
		state.projectVersions.set(project.id, 0);
		state.projectCollections.set(project.id, []);
		state.queriedTables.set(project.id, []);
		return { status: 201, body: projectView(project, false) };
	},

	UpdateProject: ({ path, body }, { state }) => {
		const project = requireProject(state, path.projectId);
		if (typeof body.status === 'string') {
			if (!state.statuses.includes(body.status)) {
				throw new HexApiError(400, `Status "${body.status}" does not exist in this workspace`);
			}
			project.status = { name: body.status };
		} else if (body.status === null) {
			project.status = null;
		}
		return { body: projectView(project, false) };
	},

	ExportProject: ({ body }, { state }) => {
		const project = requireProject(state, body.projectId);
		const published = state.projectVersions.get(project.id) ?? 0;
		const version = body.version ?? 'draft';
		if (version === 'latest' && published === 0) {
			throw new HexApiError(400, 'Project has no published version to export');
		}
		if (typeof version === 'number' && version > published) {
			throw new HexApiError(404, `Version ${version} of project ${project.id} not found`);
		}
		return {
			body: {
				filename: `${slug(project.title)}.hex.yaml`,
				content: exportYaml(state, project, version === 'latest' ? published : version),
			},
		};
	},

	GetQueriedTables: ({ path, query }, { state, traceId }) => {
		const project = requireProject(state, path.projectId);
		if (project.lastPublishedAt === null) {
			throw new HexApiError(422, 'Project is not published; queried tables are unavailable');
		}
		const tables = state.queriedTables.get(project.id) ?? [];
		const page = paginate('GetQueriedTables', tables, query);
		return { body: { ...page, traceId } };
	},
};
