import type { z } from 'zod';

import { HexApiError } from '../envelopes';
import { zReadableConnectionDetails } from '../generated/zod.gen';
import type {
	Catalog,
	CatalogEntry,
	DataConnection,
	DataConnectionType,
	FakeHexState,
} from '../state';
import { paginate, sortBy } from './pagination';
import type { HandlerRequest, HandlerTable } from './types';

type Details = Record<string, Record<string, unknown>>;
type Sharing = DataConnection['sharing'];

// Which connectionDetails fields Hex gives back (secrets such as passwords never come back),
// read from the generated ReadableConnectionDetails schema.
const readableFields = new Map<string, string[]>(
	zReadableConnectionDetails.options.map((option) => {
		const [type, inner] = Object.entries(option.shape)[0] as [string, z.AnyZodObject];
		return [type, Object.keys(inner.shape)];
	}),
);

function readable(type: string, fields: Record<string, unknown>): Record<string, unknown> {
	const allowed = readableFields.get(type) ?? [];
	return Object.fromEntries(Object.entries(fields).filter(([k]) => allowed.includes(k)));
}

function detailsType(details: Details): string {
	return Object.keys(details)[0];
}

function requireConnection(state: FakeHexState, id: string): DataConnection {
	const connection = state.findDataConnection(id);
	if (!connection) throw new HexApiError(404, `Data connection ${id} not found`);
	return connection;
}

function sharingGroup(state: FakeHexState, id: string) {
	const group = state.groups.find((g) => g.id === id);
	if (!group) throw new HexApiError(404, `Group ${id} not found`);
	return { id: group.id, name: group.name };
}

type CreateBody = HandlerRequest<'CreateDataConnection'>['body'];
type EditBody = HandlerRequest<'EditDataConnection'>['body'];

/** Fields shared by create and edit: copied when present. */
function applyOptions(connection: DataConnection, body: CreateBody | EditBody): void {
	if (body.connectViaSsh !== undefined) connection.connectViaSsh = body.connectViaSsh;
	if (body.includeMagic !== undefined) connection.includeMagic = body.includeMagic;
	if (body.allowWritebackCells !== undefined) {
		connection.allowWritebackCells = body.allowWritebackCells;
	}
	if (body.schemaRefreshAccess !== undefined) {
		connection.schemaRefreshAccess = body.schemaRefreshAccess;
	}
	if (body.schemaFilters !== undefined) connection.schemaFilters = body.schemaFilters;
	if (body.schemaRefreshSchedule === null) delete connection.schemaRefreshSchedule;
	else if (body.schemaRefreshSchedule !== undefined) {
		connection.schemaRefreshSchedule = body.schemaRefreshSchedule;
	}
	if (body.sharing?.workspace) {
		connection.sharing.workspace = { ...connection.sharing.workspace, ...body.sharing.workspace };
	}
}

function emptyCatalog(): Catalog {
	return {
		databases: [{ name: 'main', status: null }],
		schemas: [{ name: 'main.public', status: null }],
		tables: [{ name: 'main.public.example', status: null }],
	};
}

type SchemaUpdate = HandlerRequest<'UpdateDataConnectionSchema'>['body']['updates'][number];
type UpdateError = {
	name: string;
	type: SchemaUpdate['type'];
	reason: 'not_found' | 'invalid_status' | 'ambiguous_name' | 'invalid_name_format';
	value?: string;
};

const PARTS = { DATABASE: 1, SCHEMA: 2, TABLE: 3 } as const;
const LIST = { DATABASE: 'databases', SCHEMA: 'schemas', TABLE: 'tables' } as const;

/** Resolves "db.schema.table", or a unique shorter suffix ("table", "schema.table"). */
function resolveEntry(
	catalog: Catalog,
	update: SchemaUpdate,
): CatalogEntry | UpdateError['reason'] {
	const parts = update.name.split('.');
	if (parts.some((p) => p === '') || parts.length > PARTS[update.type]) {
		return 'invalid_name_format';
	}
	const entries = catalog[LIST[update.type]];
	const exact = entries.find((e) => e.name === update.name);
	if (exact) return exact;
	const matches = entries.filter((e) => e.name.endsWith(`.${update.name}`));
	if (matches.length > 1) return 'ambiguous_name';
	return matches[0] ?? 'not_found';
}

export const dataConnectionHandlers: HandlerTable = {
	ListDataConnections: ({ query }, { state }) => {
		const sorted = sortBy(
			state.dataConnections,
			(c) =>
				query.sortBy === 'CREATED_AT'
					? (state.dataConnectionCreatedAt.get(c.id) ?? '')
					: c.name.toLowerCase(),
			query.sortDirection,
		);
		return { body: paginate('ListDataConnections', sorted, query) };
	},

	GetDataConnection: ({ path }, { state }) => ({
		body: requireConnection(state, path.dataConnectionId),
	}),

	CreateDataConnection: ({ body }, { state }) => {
		const details = body.connectionDetails as Details;
		const given = detailsType(details);
		if (given !== body.type) {
			throw new HexApiError(
				422,
				`connectionDetails must describe a ${body.type} connection (got ${given})`,
			);
		}
		const sharing: Sharing = {
			groups: (body.sharing?.groups ?? []).map((g) => ({
				group: sharingGroup(state, g.group.id),
				access: g.access,
			})),
			workspace: { members: 'QUERY', guests: 'NONE', public: 'NONE' },
		};
		const connection: DataConnection = {
			id: state.newId(),
			name: body.name,
			type: body.type as DataConnectionType,
			connectionDetails: {
				[given]: readable(given, details[given]),
			} as DataConnection['connectionDetails'],
			connectViaSsh: false,
			includeMagic: true,
			allowWritebackCells: false,
			schemaRefreshAccess: 'ADMINS',
			sharing,
			...(body.description !== undefined ? { description: body.description } : {}),
		};
		applyOptions(connection, body);
		state.dataConnections.push(connection);
		state.dataConnectionCreatedAt.set(connection.id, new Date().toISOString());
		state.catalogs.set(connection.id, emptyCatalog());
		return { status: 201, body: connection };
	},

	EditDataConnection: ({ path, body }, { state }) => {
		const connection = requireConnection(state, path.dataConnectionId);
		if (body.connectionDetails) {
			const details = body.connectionDetails as Details;
			const given = detailsType(details);
			if (given !== connection.type) {
				throw new HexApiError(
					422,
					`connectionDetails must describe a ${connection.type} connection (got ${given})`,
				);
			}
			// Partial update: given fields replace the stored ones, the others stay.
			const current = (connection.connectionDetails ?? {}) as Details;
			connection.connectionDetails = {
				[given]: { ...current[given], ...readable(given, details[given]) },
			} as DataConnection['connectionDetails'];
		}
		if (body.name !== undefined) connection.name = body.name;
		for (const upsert of body.sharing?.groups?.upsert ?? []) {
			const group = sharingGroup(state, upsert.group.id);
			const existing = connection.sharing.groups?.find((g) => g.group.id === group.id);
			if (existing) existing.access = upsert.access;
			else
				connection.sharing.groups = [
					...(connection.sharing.groups ?? []),
					{ group, access: upsert.access },
				];
		}
		applyOptions(connection, body);
		return { status: 201, body: connection };
	},

	// Atomic, like Hex: any invalid update rejects the whole batch.
	UpdateDataConnectionSchema: ({ path, body }, { state }) => {
		const connection = requireConnection(state, path.dataConnectionId);
		const catalog = state.catalogs.get(connection.id) ?? emptyCatalog();
		const errors: UpdateError[] = [];
		const resolved: Array<[SchemaUpdate, CatalogEntry]> = [];
		for (const update of body.updates) {
			const entry = resolveEntry(catalog, update);
			if (typeof entry === 'string') {
				errors.push({ name: update.name, type: update.type, reason: entry });
			} else if (update.status !== null && !state.statuses.includes(update.status)) {
				errors.push({
					name: update.name,
					type: update.type,
					reason: 'invalid_status',
					value: update.status,
				});
			} else {
				resolved.push([update, entry]);
			}
		}
		if (errors.length) {
			const onlyMissing = errors.every((e) => e.reason === 'not_found');
			throw new HexApiError(
				onlyMissing ? 404 : 400,
				onlyMissing ? 'Schema objects not found' : 'Invalid schema updates',
				[],
				errors,
			);
		}
		const updated = {
			databases: [] as CatalogEntry[],
			schemas: [] as CatalogEntry[],
			tables: [] as CatalogEntry[],
		};
		for (const [update, entry] of resolved) {
			entry.status = update.status;
			updated[LIST[update.type]].push({ name: entry.name, status: entry.status });
		}
		return { body: { updated } };
	},
};
