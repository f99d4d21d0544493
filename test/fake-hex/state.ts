// In-memory data of the fake Hex workspace, generated deterministically from a seed.
import type { z } from 'zod';

import type {
	zDataConnection,
	zListUsersResponseBody,
	zProject,
	zProjectQueriedTableResource,
	zProjectRun,
	zProjectRunNotificationRecipient,
	zProjectRunStateEvent,
	zProjectSharing,
} from './generated/zod.gen';
import { digest, Random } from './random';

export type User = z.output<typeof zListUsersResponseBody>['values'][number];
export type Project = z.output<typeof zProject>;
export type ProjectSharing = z.output<typeof zProjectSharing>;
export type ProjectRun = z.output<typeof zProjectRun>;
export type RunStatus = ProjectRun['status'];
export type RunTrigger = ProjectRun['runTrigger'];
export type RunStateEvent = z.output<typeof zProjectRunStateEvent>;
export type RunNotificationRecipient = z.output<typeof zProjectRunNotificationRecipient>;
export type DataConnection = z.output<typeof zDataConnection>;
export type DataConnectionType = DataConnection['type'];
export type QueriedTable = z.output<typeof zProjectQueriedTableResource>;

export interface Group {
	id: string;
	name: string;
	memberIds: string[];
}

export interface Collection {
	id: string;
	name: string;
}

export type TerminalRunStatus = 'COMPLETED' | 'ERRORED' | 'KILLED' | 'UNABLE_TO_ALLOCATE_KERNEL';

/** How a run started through RunProject ends: the status, reached after this many polls. */
export interface RunOutcome {
	status: TerminalRunStatus;
	/**
	 * GetRunStatus calls answered before the terminal one: the 1st answers PENDING, the next
	 * ones RUNNING. 2 (default) gives PENDING, RUNNING, then the terminal status.
	 */
	pollsBeforeTerminal: number;
}

/** Bookkeeping of a run started through RunProject (generated history runs have none). */
export interface RunProgress {
	outcome: RunOutcome;
	polls: number;
	createdAt: string;
	stateEvents: RunStateEvent[];
}

export interface CatalogEntry {
	name: string;
	status: string | null;
}

/** Databases, schemas ("db.schema") and tables ("db.schema.table") of a data connection. */
export interface Catalog {
	databases: CatalogEntry[];
	schemas: CatalogEntry[];
	tables: CatalogEntry[];
}

export interface StateOptions {
	seed?: number;
	users?: number;
	projects?: number;
	dataConnections?: number;
	runsPerProject?: number;
	/** How many projects (the first ones) get a run history. */
	projectsWithRuns?: number;
}

const FIRST_NAMES = [
	'Ada',
	'Ben',
	'Chloe',
	'Dev',
	'Elena',
	'Farid',
	'Grace',
	'Hiro',
	'Ines',
	'Jonas',
	'Kemi',
	'Luis',
	'Maya',
	'Nils',
	'Olga',
	'Priya',
	'Quentin',
	'Rosa',
	'Sami',
	'Tara',
	'Umar',
	'Vera',
	'Wen',
	'Yusuf',
	'Zoe',
];
const LAST_NAMES = [
	'Andersen',
	'Brooks',
	'Castillo',
	'Dubois',
	'Eriksen',
	'Fischer',
	'Garcia',
	'Hughes',
	'Ito',
	'Jensen',
	'Kowalski',
	'Lopez',
	'Moreau',
	'Nakamura',
	'Okafor',
	'Patel',
	'Rossi',
	'Schmidt',
	'Tanaka',
	'Weber',
];
const TITLE_WORDS_A = [
	'Weekly',
	'Quarterly',
	'Revenue',
	'Churn',
	'Funnel',
	'Cohort',
	'Pipeline',
	'Inventory',
	'Marketing',
	'Support',
	'Growth',
	'Pricing',
];
const TITLE_WORDS_B = [
	'Dashboard',
	'Report',
	'Analysis',
	'Forecast',
	'Explorer',
	'Deep Dive',
	'Tracker',
	'Model',
	'Scorecard',
	'Audit',
];
const GROUP_NAMES = ['Data Team', 'Analytics', 'Finance', 'Marketing', 'Engineering', 'Leadership'];
const COLLECTION_NAMES = ['Company KPIs', 'Finance', 'Product', 'Sandbox'];
const STATUSES = ['Exploratory', 'In progress', 'Ready for review', 'Approved', 'Deprecated'];
const CATEGORIES: Array<{ name: string; description: string | null }> = [
	{ name: 'Finance', description: 'Money in, money out' },
	{ name: 'Product', description: null },
	{ name: 'Sales', description: 'Pipeline and bookings' },
	{ name: 'Ops', description: null },
];
const TIMEZONES = ['UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Tokyo'];
const DAYS = [
	'SUNDAY',
	'MONDAY',
	'TUESDAY',
	'WEDNESDAY',
	'THURSDAY',
	'FRIDAY',
	'SATURDAY',
] as const;
const CONNECTION_TYPES: DataConnectionType[] = [
	'snowflake',
	'postgres',
	'bigquery',
	'redshift',
	'databricks',
	'athena',
	'trino',
	'clickhouse',
];
const ACCESS = ['NONE', 'APP_ONLY', 'CAN_VIEW', 'CAN_EDIT', 'FULL_ACCESS'] as const;

/** Generated timestamps count back from this fixed instant, so they do not depend on the clock. */
const EPOCH = Date.parse('2025-06-02T12:00:00.000Z');
const DAY_MS = 86_400_000;

const iso = (ms: number) => new Date(ms).toISOString();

export const ORG_SLUG = 'fake-org';

export function runUrlFor(projectId: string, runId: string): string {
	return `https://app.hex.tech/${ORG_SLUG}/app/${projectId}/latest?runId=${runId}`;
}

export class FakeHexState {
	readonly seed: number;
	readonly random: Random;
	orgId: string;
	/** The user that personal tokens (hxtp_) belong to; the first (ADMIN) user by default. */
	meUserId: string;
	/** Me's token.exp (epoch seconds), or null for a token without expiry. */
	tokenExp: number | null;

	users: User[] = [];
	/** Deactivated users stay in `users` but are hidden from ListUsers (as in Hex's user list). */
	deactivatedUserIds = new Set<string>();
	groups: Group[] = [];
	collections: Collection[] = [];
	/** Workspace statuses usable by UpdateProject and UpdateDataConnectionSchema. */
	statuses: string[] = [...STATUSES];

	/** Projects, newest first; `sharing` is stored but only sent when includeSharing=true. */
	projects: Project[] = [];
	/** Latest published version number per project (0 = never published). */
	projectVersions = new Map<string, number>();
	projectCollections = new Map<string, string[]>();
	queriedTables = new Map<string, QueriedTable[]>();

	/** Runs per project, newest first. */
	runs = new Map<string, ProjectRun[]>();
	runProgress = new Map<string, RunProgress>();
	defaultRunOutcome: RunOutcome = { status: 'COMPLETED', pollsBeforeTerminal: 2 };
	runOutcomes = new Map<string, RunOutcome>();

	dataConnections: DataConnection[] = [];
	dataConnectionCreatedAt = new Map<string, string>();
	catalogs = new Map<string, Catalog>();

	constructor(options: StateOptions = {}) {
		this.seed = options.seed ?? 1;
		this.random = new Random(this.seed);
		this.orgId = this.random.uuid();
		this.tokenExp = Math.floor(EPOCH / 1000) + 365 * 86_400;
		this.generateUsers(options.users ?? 1234);
		this.meUserId = this.users[0]?.id ?? this.random.uuid();
		this.generateGroups();
		this.generateCollections();
		this.generateDataConnections(options.dataConnections ?? 7);
		this.generateProjects(options.projects ?? 230);
		const withRuns = Math.min(options.projectsWithRuns ?? 3, this.projects.length);
		for (const project of this.projects.slice(0, withRuns)) {
			this.generateRuns(project, options.runsPerProject ?? 12);
		}
	}

	/** A fresh UUID from the seeded PRNG (ids of created objects are deterministic too). */
	newId(): string {
		return this.random.uuid();
	}

	/** Sets how runs started on this project end (runs started afterwards). */
	setRunOutcome(projectId: string, outcome: Partial<RunOutcome>): void {
		this.runOutcomes.set(projectId, { ...this.runOutcomeFor(projectId), ...outcome });
	}

	runOutcomeFor(projectId: string): RunOutcome {
		return this.runOutcomes.get(projectId) ?? { ...this.defaultRunOutcome };
	}

	findUser(id: string): User | undefined {
		return this.users.find((u) => u.id === id);
	}

	activeUsers(): User[] {
		return this.users.filter((u) => !this.deactivatedUserIds.has(u.id));
	}

	findProject(id: string): Project | undefined {
		return this.projects.find((p) => p.id === id);
	}

	findDataConnection(id: string): DataConnection | undefined {
		return this.dataConnections.find((c) => c.id === id);
	}

	runsOf(projectId: string): ProjectRun[] {
		let list = this.runs.get(projectId);
		if (!list) {
			list = [];
			this.runs.set(projectId, list);
		}
		return list;
	}

	findRun(projectId: string, runId: string): ProjectRun | undefined {
		return this.runs.get(projectId)?.find((r) => r.runId === runId);
	}

	private lastAddedRunMs = 0;

	/**
	 * Test helper: a run that Hex started just now (scheduled, app refresh or API), listed first
	 * like Hex's newest run. A finished status gets an end time too; `fields` override anything.
	 */
	addRun(projectId: string, fields: Partial<ProjectRun> = {}): ProjectRun {
		const runId = this.newId();
		const status = fields.status ?? 'COMPLETED';
		// Each added run starts at least 1 ms after the previous one, as real runs do.
		this.lastAddedRunMs = Math.max(Date.now(), this.lastAddedRunMs + 1);
		const now = new Date(this.lastAddedRunMs);
		const started = status === 'PENDING' ? null : now.toISOString();
		const finished = status !== 'PENDING' && status !== 'RUNNING';
		const run: ProjectRun = {
			projectId,
			projectVersion: String(this.projectVersions.get(projectId) || 1),
			runId,
			runUrl: runUrlFor(projectId, runId),
			status,
			runTrigger: 'SCHEDULED',
			startTime: started,
			endTime: finished ? now.toISOString() : null,
			elapsedTime: finished ? 0 : null,
			traceId: digest(`run:${runId}`, 32),
			...fields,
		};
		this.runsOf(projectId).unshift(run);
		return run;
	}

	/** Test helper: ends a run now with a final status (as Hex does when a run finishes). */
	finishRun(projectId: string, runId: string, status: TerminalRunStatus = 'COMPLETED'): ProjectRun {
		const run = this.findRun(projectId, runId);
		if (!run) throw new Error(`Run ${runId} of project ${projectId} not found`);
		const now = new Date(Math.max(Date.now(), Date.parse(run.startTime ?? '') || 0));
		run.startTime ??= now.toISOString();
		run.status = status;
		run.endTime = now.toISOString();
		run.elapsedTime = Math.max(0, now.getTime() - Date.parse(run.startTime));
		return run;
	}

	/** Deterministic default token: 'hxtp_' + 96 hex chars. */
	defaultToken(): string {
		return `hxtp_${digest(`token:${this.seed}`, 96)}`;
	}

	private generateUsers(count: number): void {
		const r = this.random;
		for (let i = 0; i < count; i++) {
			const first = r.pick(FIRST_NAMES);
			const last = r.pick(LAST_NAMES);
			const roll = r.next();
			const role: User['role'] =
				i === 0
					? 'ADMIN'
					: roll < 0.03
						? 'ADMIN'
						: roll < 0.08
							? 'MANAGER'
							: roll < 0.45
								? 'EDITOR'
								: roll < 0.7
									? 'EXPLORER'
									: roll < 0.9
										? 'MEMBER'
										: 'GUEST';
			// A few invited users never set a name nor logged in.
			const invited = i > 0 && r.bool(0.03);
			this.users.push({
				id: r.uuid(),
				name: invited ? null : `${first} ${last}`,
				email: `${first}.${last}.${i + 1}@example.com`.toLowerCase(),
				role,
				lastLoginDate: invited ? null : iso(EPOCH - r.int(0, 400) * DAY_MS - r.int(0, DAY_MS)),
			});
		}
	}

	private generateGroups(): void {
		const r = this.random;
		for (const name of GROUP_NAMES) {
			const share = r.next() * 0.3;
			this.groups.push({
				id: r.uuid(),
				name,
				memberIds: this.users.filter(() => r.bool(share)).map((u) => u.id),
			});
		}
	}

	private generateCollections(): void {
		for (const name of COLLECTION_NAMES) this.collections.push({ id: this.random.uuid(), name });
	}

	private generateCatalog(): Catalog {
		const r = this.random;
		const catalog: Catalog = { databases: [], schemas: [], tables: [] };
		const status = () => (r.bool(0.2) ? r.pick(this.statuses) : null);
		const dbCount = r.int(1, 2);
		for (let d = 0; d < dbCount; d++) {
			const db = d === 0 ? 'analytics' : 'raw';
			catalog.databases.push({ name: db, status: status() });
			for (const schema of r.sample(['public', 'finance', 'marketing', 'staging'], 3)) {
				catalog.schemas.push({ name: `${db}.${schema}`, status: status() });
				for (const table of r.sample(
					['orders', 'customers', 'events', 'invoices', 'sessions'],
					5,
				)) {
					catalog.tables.push({ name: `${db}.${schema}.${table}`, status: status() });
				}
			}
		}
		// Every connection has at least one table, so queried tables always have a source.
		if (!catalog.tables.length) {
			catalog.schemas.push({ name: 'analytics.public', status: null });
			catalog.tables.push({ name: 'analytics.public.orders', status: null });
		}
		return catalog;
	}

	private connectionDetails(
		type: DataConnectionType,
		i: number,
	): DataConnection['connectionDetails'] {
		const r = this.random;
		const host = `db${i + 1}.internal.example.com`;
		switch (type) {
			case 'snowflake':
				return {
					snowflake: {
						accountName: `fake-org-${r.hex(6)}`,
						warehouse: 'COMPUTE_WH',
						database: 'ANALYTICS',
						schema: 'PUBLIC',
						username: 'HEX_SERVICE',
						role: 'ANALYST',
					},
				};
			case 'postgres':
				return {
					postgres: { hostname: host, port: 5432, database: 'analytics', username: 'hex' },
				};
			case 'bigquery':
				return {
					bigquery: {
						projectId: `fake-org-${r.hex(6)}`,
						enableDriveAccess: false,
						enableStorageApi: true,
					},
				};
			case 'redshift':
				return { redshift: { host, port: 5439, database: 'dev', username: 'hex' } };
			case 'databricks':
				return {
					databricks: {
						jdbcUrl: `jdbc:databricks://${host}:443/default;transportMode=http;httpPath=sql/1.0/warehouses/${r.hex(16)}`,
					},
				};
			case 'athena':
				return {
					athena: {
						hostname: 'athena.us-east-1.amazonaws.com',
						port: 443,
						s3OutputPath: 's3://fake-org-athena-results/',
						catalog: 'AwsDataCatalog',
						workgroup: 'primary',
						accessKeyId: `AKIA${r.hex(16).toUpperCase()}`,
					},
				};
			case 'trino':
				return {
					trino: {
						hostname: host,
						port: 8080,
						catalog: 'hive',
						schema: 'default',
						username: 'hex',
						sessionProperties: [{ key: 'query_max_run_time', value: '1h' }],
					},
				};
			case 'clickhouse':
				return { clickhouse: { hostname: host, port: 8443, username: 'hex' } };
		}
	}

	private generateDataConnections(count: number): void {
		const r = this.random;
		for (let i = 0; i < count; i++) {
			const type = CONNECTION_TYPES[i % CONNECTION_TYPES.length];
			const id = r.uuid();
			const connection: DataConnection = {
				id,
				name: `${type[0].toUpperCase()}${type.slice(1)} ${i < CONNECTION_TYPES.length ? 'warehouse' : `#${i + 1}`}`,
				type,
				connectionDetails: this.connectionDetails(type, i),
				connectViaSsh: false,
				includeMagic: r.bool(0.7),
				allowWritebackCells: r.bool(0.3),
				schemaRefreshAccess: r.bool(0.5) ? 'ADMINS' : 'USERS_WITH_QUERY_ACCESS',
				sharing: {
					groups: r.sample(this.groups, 2).map((g) => ({
						group: { id: g.id, name: g.name },
						access: r.pick(['QUERY', 'VIEW_RESULTS'] as const),
					})),
					workspace: { members: 'QUERY', guests: 'NONE', public: 'NONE' },
				},
			};
			if (r.bool(0.6)) connection.description = `Fake ${type} connection`;
			if (r.bool(0.5)) {
				connection.schemaRefreshSchedule = {
					cadence: 'DAILY',
					enabled: true,
					daily: { hour: r.int(0, 23), minute: r.int(0, 59), timezoneString: r.pick(TIMEZONES) },
					weekly: null,
					monthly: null,
					custom: null,
				};
			}
			this.dataConnections.push(connection);
			this.dataConnectionCreatedAt.set(id, iso(EPOCH - (count - i) * 30 * DAY_MS));
			this.catalogs.set(id, this.generateCatalog());
		}
	}

	private generateSchedule(): Project['schedules'][number] {
		const r = this.random;
		const timezone = r.pick(TIMEZONES);
		const cadence = r.pick(['HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'CUSTOM'] as const);
		const minute = r.int(0, 59);
		const hour = r.int(0, 23);
		return {
			cadence,
			enabled: r.bool(0.8),
			hourly: cadence === 'HOURLY' ? { minute, timezone } : null,
			daily: cadence === 'DAILY' ? { hour, minute, timezone } : null,
			weekly: cadence === 'WEEKLY' ? { dayOfWeek: r.pick(DAYS), hour, minute, timezone } : null,
			monthly: cadence === 'MONTHLY' ? { day: r.int(1, 28), hour, minute, timezone } : null,
			custom: cadence === 'CUSTOM' ? { cron: `${minute} ${hour} * * 1-5`, timezone } : null,
		};
	}

	private generateSharing(collectionIds: string[]): ProjectSharing {
		const r = this.random;
		return {
			users: r.sample(this.users, 3).map((u) => ({
				user: { email: u.email },
				access: r.pick(['CAN_VIEW', 'CAN_EDIT', 'FULL_ACCESS'] as const),
			})),
			collections: collectionIds.map((id) => ({
				collection: { name: this.collections.find((c) => c.id === id)?.name ?? 'Unknown' },
				access: r.pick(['APP_ONLY', 'CAN_VIEW'] as const),
			})),
			groups: r.sample(this.groups, 2).map((g) => ({
				group: { name: g.name },
				access: r.pick(ACCESS),
			})),
			workspace: { access: r.pick(['NONE', 'APP_ONLY', 'CAN_VIEW'] as const) },
			publicWeb: { access: r.bool(0.05) ? 'APP_ONLY' : 'NONE' },
			support: { access: 'NONE' },
		};
	}

	private generateProjects(count: number): void {
		const r = this.random;
		const authors = this.users.filter((u) => u.role !== 'GUEST');
		const generated: Project[] = [];
		for (let i = 0; i < count; i++) {
			const createdMs = EPOCH - r.int(1, 700) * DAY_MS - r.int(0, DAY_MS);
			const editedMs = Math.min(EPOCH, createdMs + r.int(0, 120) * DAY_MS);
			const published = r.bool(0.8);
			const publishedMs = published
				? createdMs + Math.floor((editedMs - createdMs) * r.next())
				: null;
			const creator = r.pick(authors.length ? authors : this.users);
			const owner = r.bool(0.8) ? creator : r.pick(authors.length ? authors : this.users);
			const thirty = r.int(0, 300);
			const fourteen = Math.floor(thirty * r.next());
			const seven = Math.floor(fourteen * r.next());
			const collectionIds = r.sample(this.collections, 2).map((c) => c.id);
			const project: Project = {
				id: r.uuid(),
				title: `${r.pick(TITLE_WORDS_A)} ${r.pick(TITLE_WORDS_B)} ${i + 1}`,
				description: r.bool(0.6) ? `Generated project number ${i + 1}` : null,
				type: r.bool(0.08) ? 'COMPONENT' : 'PROJECT',
				creator: { email: creator?.email ?? 'nobody@example.com' },
				owner: { email: owner?.email ?? 'nobody@example.com' },
				status: r.bool(0.5) ? { name: r.pick(this.statuses) } : null,
				categories: r.sample(CATEGORIES, 2).map((c) => ({ ...c })),
				reviews: { required: r.bool(0.2) },
				analytics: {
					appViews: {
						allTime: thirty + r.int(0, 5000),
						lastThirtyDays: thirty,
						lastFourteenDays: fourteen,
						lastSevenDays: seven,
					},
					lastViewedAt: thirty > 0 ? iso(EPOCH - r.int(0, 30) * DAY_MS) : null,
					publishedResultsUpdatedAt: publishedMs === null ? null : iso(publishedMs),
				},
				lastEditedAt: iso(editedMs),
				lastPublishedAt: publishedMs === null ? null : iso(publishedMs),
				createdAt: iso(createdMs),
				archivedAt: r.bool(0.08) ? iso(editedMs) : null,
				trashedAt: r.bool(0.05) ? iso(editedMs) : null,
				schedules: Array.from({ length: r.bool(0.3) ? r.int(1, 2) : 0 }, () =>
					this.generateSchedule(),
				),
				sharing: this.generateSharing(collectionIds),
			};
			generated.push(project);
			this.projectCollections.set(project.id, collectionIds);
			this.projectVersions.set(project.id, published ? r.int(1, 40) : 0);
		}
		// Newest first, like Hex's default listing.
		generated.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
		// The first projects carry the run history: make them plain, published, live projects.
		generated.slice(0, 3).forEach((p, i) => {
			p.type = 'PROJECT';
			p.archivedAt = null;
			p.trashedAt = null;
			if (p.lastPublishedAt === null) {
				p.lastPublishedAt = p.lastEditedAt;
				p.analytics.publishedResultsUpdatedAt = p.lastEditedAt;
				this.projectVersions.set(p.id, 3 + i);
			}
		});
		this.projects = generated;
		for (const project of generated) {
			const tables: QueriedTable[] = [];
			if (project.lastPublishedAt !== null && this.dataConnections.length) {
				for (let t = r.int(0, 4); t > 0; t--) {
					const connection = r.pick(this.dataConnections);
					const catalog = this.catalogs.get(connection.id);
					const table = catalog ? r.pick(catalog.tables) : undefined;
					if (!table) continue;
					tables.push({
						dataConnectionId: connection.id,
						dataConnectionName: connection.name,
						tableName: table.name,
					});
				}
			}
			this.queriedTables.set(project.id, tables);
		}
	}

	private generateRuns(project: Project, count: number): void {
		const r = this.random;
		const version = this.projectVersions.get(project.id) || 1;
		const runs = this.runsOf(project.id);
		// Runs are spaced ~6 hours apart, newest first, the newest ending before EPOCH.
		for (let i = 0; i < count; i++) {
			const runId = r.uuid();
			const startMs = EPOCH - (i + 1) * 6 * 3_600_000 - r.int(0, 3_600_000);
			const roll = r.next();
			const status: RunStatus = roll < 0.75 ? 'COMPLETED' : roll < 0.92 ? 'ERRORED' : 'KILLED';
			const elapsed = r.int(2_000, 600_000);
			runs.push({
				projectId: project.id,
				projectVersion: String(Math.max(1, version - Math.floor(i / 4))),
				runId,
				runUrl: runUrlFor(project.id, runId),
				status,
				runTrigger: r.pick(['SCHEDULED', 'API', 'APP_REFRESH'] as const),
				startTime: iso(startMs),
				endTime: iso(startMs + elapsed),
				elapsedTime: elapsed,
				traceId: digest(`run:${runId}`, 32),
			});
		}
	}
}
