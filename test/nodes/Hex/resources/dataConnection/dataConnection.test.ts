import type { HexTestbed } from '../../../../support/hex';
import { expectedRequest, json, locator, startTestbed } from '../../../../support/hex';
import { normalizePem } from '../../../../../nodes/Hex/resources/dataConnection/pem';

type DataConnection = HexTestbed['fake']['state']['dataConnections'][number];

const SCHEMA_FILTERS = {
	schemas: { include: { matchType: 'PREFIX', values: ['analytics'] } },
	tables: { exclude: { matchType: 'EXACT', values: ['analytics.public.tmp'] } },
};
const REFRESH_SCHEDULE = {
	cadence: 'DAILY',
	enabled: true,
	daily: { hour: 6, minute: 30, timezoneString: '+00:00' },
};

const POSTGRES_REQUIRED = {
	postgresHostname: 'pg.example.com',
	postgresPort: 5432,
	postgresDatabase: 'orders',
	postgresUsername: 'hex_reader',
	postgresPassword: 'pg-secret',
};
const SNOWFLAKE_REQUIRED = {
	snowflakeAccountName: 'acme-eu1',
	snowflakeWarehouse: 'COMPUTE_WH',
	snowflakeDatabase: 'ANALYTICS',
	snowflakeUsername: 'HEX_SERVICE',
	snowflakePrivateKey: '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----',
	snowflakePassphrase: 'key-passphrase',
};

describe('Data Connection resource (engine)', () => {
	let hex: HexTestbed;

	beforeAll(async () => {
		// More connections than one page of 100, so Return All has to follow the cursor.
		hex = await startTestbed({ dataConnections: 150, users: 60, projects: 5 });
	});
	afterAll(async () => await hex.fake.close());
	beforeEach(() => hex.fake.reset());
	afterEach(() => expect(hex.fake.internalErrors).toEqual([]));

	const connectionsPath = '/api/v1/data-connections';
	const connectionOfType = (type: DataConnection['type']) =>
		hex.fake.state.dataConnections.find((connection) => connection.type === type) as DataConnection;
	const groups = () => hex.fake.state.groups;

	/** The listing order of ListDataConnections by name: case-insensitive, ties by ID. */
	const byName = (a: DataConnection, b: DataConnection) =>
		a.name.toLowerCase().localeCompare(b.name.toLowerCase()) || a.id.localeCompare(b.id);

	describe('Get Many', () => {
		test('Return All follows the cursor across pages, sorted by name', async () => {
			const run = await hex.run({
				resource: 'dataConnection',
				operation: 'getAll',
				returnAll: true,
			});
			expect(run.error).toBeUndefined();
			const all = hex.fake.state.dataConnections;
			expect(all.length).toBeGreaterThan(100);
			expect(all.length).toBeLessThanOrEqual(200);
			expect(hex.sent()).toEqual([
				expectedRequest(hex, { method: 'GET', path: connectionsPath, query: { limit: '100' } }),
				expectedRequest(hex, {
					method: 'GET',
					path: connectionsPath,
					query: { limit: '100', after: expect.any(String) },
				}),
			]);
			expect(json(run)).toEqual([...all].sort(byName));
		});

		test('Limit with sort asks for exactly that many, newest first', async () => {
			const run = await hex.run({
				resource: 'dataConnection',
				operation: 'getAll',
				returnAll: false,
				limit: 3,
				sort: { sortBy: 'CREATED_AT', sortDirection: 'DESC' },
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()).toEqual([
				expectedRequest(hex, {
					method: 'GET',
					path: connectionsPath,
					query: { limit: '3', sortBy: 'CREATED_AT', sortDirection: 'DESC' },
				}),
			]);
			const createdAt = (connection: DataConnection) =>
				hex.fake.state.dataConnectionCreatedAt.get(connection.id) ?? '';
			const newest = [...hex.fake.state.dataConnections]
				.sort((a, b) => createdAt(b).localeCompare(createdAt(a)) || a.id.localeCompare(b.id))
				.slice(0, 3);
			expect(json(run)).toEqual(newest);
		});

		test('a Limit above the page size spans pages and stops exactly', async () => {
			const run = await hex.run({
				resource: 'dataConnection',
				operation: 'getAll',
				limit: 120,
				sort: { sortDirection: 'DESC' },
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent().map((request) => request.query)).toEqual([
				{ limit: '100', sortDirection: 'DESC' },
				{ limit: '20', sortDirection: 'DESC', after: expect.any(String) },
			]);
			expect(json(run)).toEqual(
				[...hex.fake.state.dataConnections]
					.sort((a, b) => byName(b, a))
					.map((connection) => connection.id)
					.slice(0, 120)
					.map((id) => hex.fake.state.findDataConnection(id)),
			);
		});
	});

	describe('Get', () => {
		test('gets a connection by ID', async () => {
			const connection = hex.fake.state.dataConnections[2];
			const run = await hex.run({
				resource: 'dataConnection',
				operation: 'get',
				dataConnectionId: locator(connection.id),
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()).toEqual([
				expectedRequest(hex, { method: 'GET', path: `${connectionsPath}/${connection.id}` }),
			]);
			expect(json(run)).toEqual([connection]);
		});

		test('gets a connection from a pasted link that contains its ID', async () => {
			const connection = hex.fake.state.dataConnections[4];
			const link = `https://app.hex.tech/fake-org/settings/data-connections/${connection.id}?tab=sharing`;
			const run = await hex.run({
				resource: 'dataConnection',
				operation: 'get',
				dataConnectionId: locator(link, 'url'),
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()).toEqual([
				expectedRequest(hex, { method: 'GET', path: `${connectionsPath}/${connection.id}` }),
			]);
			expect(json(run)).toEqual([connection]);
		});
	});

	describe('Create', () => {
		test('creates a postgres connection with every setting, groups as a plain list', async () => {
			const [first, second] = groups();
			const run = await hex.run({
				resource: 'dataConnection',
				operation: 'create',
				name: 'Orders replica',
				connectionType: 'postgres',
				...POSTGRES_REQUIRED,
				dataConnectionAdditionalFields: {
					description: 'Read replica of the orders DB',
					allowWritebackCells: false,
					connectViaSsh: false,
					includeMagic: true,
					schemaRefreshAccess: 'USERS_WITH_QUERY_ACCESS',
					membersAccess: 'VIEW_RESULTS',
					guestsAccess: 'NONE',
					publicAccess: 'VIEW_RESULTS',
					groupAccess: {
						group: [
							{ groupId: ` ${first.id} `, access: 'QUERY' },
							{ groupId: second.id, access: 'VIEW_RESULTS' },
						],
					},
					schemaFilters: JSON.stringify(SCHEMA_FILTERS),
					schemaRefreshSchedule: JSON.stringify(REFRESH_SCHEDULE),
				},
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()).toEqual([
				expectedRequest(hex, {
					method: 'POST',
					path: connectionsPath,
					body: {
						name: 'Orders replica',
						type: 'postgres',
						connectionDetails: {
							postgres: {
								hostname: 'pg.example.com',
								port: 5432,
								database: 'orders',
								username: 'hex_reader',
								password: 'pg-secret',
							},
						},
						description: 'Read replica of the orders DB',
						allowWritebackCells: false,
						connectViaSsh: false,
						includeMagic: true,
						schemaRefreshAccess: 'USERS_WITH_QUERY_ACCESS',
						sharing: {
							workspace: { members: 'VIEW_RESULTS', guests: 'NONE', public: 'VIEW_RESULTS' },
							groups: [
								{ group: { id: first.id }, access: 'QUERY' },
								{ group: { id: second.id }, access: 'VIEW_RESULTS' },
							],
						},
						schemaFilters: SCHEMA_FILTERS,
						schemaRefreshSchedule: REFRESH_SCHEDULE,
					},
				}),
			]);
			const [created] = json(run) as DataConnection[];
			// The password went to Hex but never comes back.
			expect(created).toEqual(
				expect.objectContaining({
					id: expect.any(String),
					name: 'Orders replica',
					type: 'postgres',
					description: 'Read replica of the orders DB',
					connectionDetails: {
						postgres: {
							hostname: 'pg.example.com',
							port: 5432,
							database: 'orders',
							username: 'hex_reader',
						},
					},
					schemaFilters: SCHEMA_FILTERS,
					sharing: {
						groups: [
							{ group: { id: first.id, name: first.name }, access: 'QUERY' },
							{ group: { id: second.id, name: second.name }, access: 'VIEW_RESULTS' },
						],
						workspace: { members: 'VIEW_RESULTS', guests: 'NONE', public: 'VIEW_RESULTS' },
					},
				}),
			);
			expect(JSON.stringify(json(run))).not.toContain('pg-secret');
			expect(hex.fake.state.findDataConnection(created.id)).toEqual(created);
		});

		// A real-looking key body: 3 lines of 64 base64 characters and a short one.
		const keyBody = ['A', 'B', 'C'].map((c) => c.repeat(64)).concat('DDDD==');
		const pem = ['-----BEGIN PRIVATE KEY-----', ...keyBody, '-----END PRIVATE KEY-----'].join('\n');
		test.each([
			['as pasted into a one-line box (spaces)', pem.replace(/\n/g, ' ')],
			['with its line breaks dropped', pem.replace(/\n/g, '')],
			['with Windows line breaks and blank edges', `\n  ${pem.replace(/\n/g, '\r\n')}\r\n`],
			['JSON-escaped (literal \\n)', pem.replace(/\n/g, '\\n')],
			['intact', pem],
		])('a Snowflake private key %s is sent with its line breaks', async (_, pasted) => {
			const run = await hex.run({
				resource: 'dataConnection',
				operation: 'create',
				name: 'Snowflake key',
				connectionType: 'snowflake',
				...SNOWFLAKE_REQUIRED,
				snowflakePrivateKey: pasted,
			});
			expect(run.error).toBeUndefined();
			const body = hex.sent()[0].body as {
				connectionDetails: { snowflake: { privateKey: string } };
			};
			expect(body.connectionDetails.snowflake.privateKey).toBe(pem);
		});

		test('a certificate chain keeps one block per line group; a key with headers is left alone', () => {
			const cert = (c: string) => [
				'-----BEGIN CERTIFICATE-----',
				c.repeat(64),
				c.repeat(10),
				'-----END CERTIFICATE-----',
			];
			const chain = [...cert('E'), ...cert('F')].join('\n');
			expect(normalizePem(chain.replace(/\n/g, ' '))).toBe(chain);
			const legacy =
				'-----BEGIN RSA PRIVATE KEY----- Proc-Type: 4,ENCRYPTED DEK-Info: AES-128-CBC,00 QUJD -----END RSA PRIVATE KEY-----';
			expect(normalizePem(legacy)).toBe(legacy);
			expect(normalizePem('not a key')).toBe('not a key');
		});

		test('creates a snowflake connection with its secrets and nullable options', async () => {
			const run = await hex.run({
				resource: 'dataConnection',
				operation: 'create',
				name: 'Snowflake EU',
				connectionType: 'snowflake',
				...SNOWFLAKE_REQUIRED,
				snowflakeOptions: { snowflakeSchema: 'PUBLIC', snowflakeRole: '' },
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()).toEqual([
				expectedRequest(hex, {
					method: 'POST',
					path: connectionsPath,
					body: {
						name: 'Snowflake EU',
						type: 'snowflake',
						connectionDetails: {
							snowflake: {
								accountName: 'acme-eu1',
								warehouse: 'COMPUTE_WH',
								database: 'ANALYTICS',
								username: 'HEX_SERVICE',
								privateKey: SNOWFLAKE_REQUIRED.snowflakePrivateKey,
								passphrase: 'key-passphrase',
								schema: 'PUBLIC',
								// An empty nullable field means "none": Hex gets null, not "".
								role: null,
							},
						},
					},
				}),
			]);
			const [created] = json(run) as DataConnection[];
			expect(created.connectionDetails).toEqual({
				snowflake: {
					accountName: 'acme-eu1',
					warehouse: 'COMPUTE_WH',
					database: 'ANALYTICS',
					username: 'HEX_SERVICE',
					schema: 'PUBLIC',
					role: null,
				},
			});
			expect(JSON.stringify(created)).not.toContain('key-passphrase');
			expect(JSON.stringify(created)).not.toContain('PRIVATE KEY');
			expect(hex.fake.state.findDataConnection(created.id)?.name).toBe('Snowflake EU');
		});

		test('creates a snowflake connection without options: no optional field is sent', async () => {
			const run = await hex.run({
				resource: 'dataConnection',
				operation: 'create',
				name: 'Snowflake bare',
				connectionType: 'snowflake',
				...SNOWFLAKE_REQUIRED,
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()[0].body).toEqual({
				name: 'Snowflake bare',
				type: 'snowflake',
				connectionDetails: {
					snowflake: {
						accountName: 'acme-eu1',
						warehouse: 'COMPUTE_WH',
						database: 'ANALYTICS',
						username: 'HEX_SERVICE',
						privateKey: SNOWFLAKE_REQUIRED.snowflakePrivateKey,
						passphrase: 'key-passphrase',
					},
				},
			});
		});

		test("sends none of another type's stale parameters", async () => {
			const run = await hex.run({
				resource: 'dataConnection',
				operation: 'create',
				name: 'Only postgres',
				connectionType: 'postgres',
				...POSTGRES_REQUIRED,
				// Left over from when the type was snowflake, trino or redshift.
				...SNOWFLAKE_REQUIRED,
				snowflakeOptions: { snowflakeSchema: 'PUBLIC', snowflakeRole: 'ANALYST' },
				trinoOptions: { trinoCatalog: 'hive' },
				redshiftHost: 'cluster.example.com',
				postgresOptions: { postgresSslRootCert: 'stale' },
				postgresDetails: { postgresPassword: 'stale update value' },
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()).toEqual([
				expectedRequest(hex, {
					method: 'POST',
					path: connectionsPath,
					body: {
						name: 'Only postgres',
						type: 'postgres',
						connectionDetails: {
							postgres: {
								hostname: 'pg.example.com',
								port: 5432,
								database: 'orders',
								username: 'hex_reader',
								password: 'pg-secret',
							},
						},
					},
				}),
			]);
		});

		test('refuses an empty required field, sending nothing', async () => {
			await hex.refuses(
				{
					resource: 'dataConnection',
					operation: 'create',
					name: 'Missing password',
					connectionType: 'postgres',
					...POSTGRES_REQUIRED,
					// An expression passes n8n's required-field check but resolves to nothing.
					postgresPassword: '={{ "" }}',
				},
				'The "Password" parameter is required for PostgreSQL connections',
			);
		});
	});

	describe('Update', () => {
		test.each([
			['Keep Current Details, no fields', { connectionType: 'keep', updateFields: {} }],
			[
				'a stale detail left from another type',
				{ connectionType: 'keep', postgresDetails: { postgresPassword: 'stale' } },
			],
			['a type chosen but no detail entered', { connectionType: 'postgres', updateFields: {} }],
		])('refuses an update with nothing to change (%s), sending nothing', async (_, fields) => {
			const error = await hex.refuses(
				{
					resource: 'dataConnection',
					operation: 'update',
					dataConnectionId: locator(connectionOfType('postgres').id),
					...fields,
				},
				'Nothing to update',
			);
			expect(error.description).toContain('Update Fields');
		});

		test('renames with Keep Current Details: no connectionDetails sent', async () => {
			const connection = connectionOfType('postgres');
			const detailsBefore = structuredClone(connection.connectionDetails);
			const run = await hex.run({
				resource: 'dataConnection',
				operation: 'update',
				dataConnectionId: locator(connection.id),
				connectionType: 'keep',
				// A stale value from when a type was chosen; 'keep' must not send it.
				postgresDetails: { postgresPassword: 'stale' },
				updateFields: { name: 'Postgres (renamed)' },
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()).toEqual([
				expectedRequest(hex, {
					method: 'PATCH',
					path: `${connectionsPath}/${connection.id}`,
					body: { name: 'Postgres (renamed)' },
				}),
			]);
			expect(json(run)).toEqual([
				expect.objectContaining({ id: connection.id, name: 'Postgres (renamed)' }),
			]);
			expect(hex.fake.state.findDataConnection(connection.id)?.name).toBe('Postgres (renamed)');
			expect(hex.fake.state.findDataConnection(connection.id)?.connectionDetails).toEqual(
				detailsBefore,
			);
		});

		test('rotates a password and upserts group access', async () => {
			const connection = connectionOfType('postgres');
			const group = groups()[5];
			const run = await hex.run({
				resource: 'dataConnection',
				operation: 'update',
				dataConnectionId: locator(connection.id),
				connectionType: 'postgres',
				postgresDetails: { postgresPassword: 'rotated-secret' },
				// Left over from when snowflake was chosen: not sent.
				snowflakeDetails: { snowflakeWarehouse: 'STALE_WH' },
				updateFields: {
					groupAccess: { group: [{ groupId: group.id, access: 'VIEW_RESULTS' }] },
					membersAccess: 'NONE',
				},
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()).toEqual([
				expectedRequest(hex, {
					method: 'PATCH',
					path: `${connectionsPath}/${connection.id}`,
					body: {
						connectionDetails: { postgres: { password: 'rotated-secret' } },
						sharing: {
							workspace: { members: 'NONE' },
							groups: { upsert: [{ group: { id: group.id }, access: 'VIEW_RESULTS' }] },
						},
					},
				}),
			]);
			const [updated] = json(run) as DataConnection[];
			expect(updated.sharing.groups).toContainEqual({
				group: { id: group.id, name: group.name },
				access: 'VIEW_RESULTS',
			});
			expect(updated.sharing.workspace?.members).toBe('NONE');
			expect(JSON.stringify(updated)).not.toContain('rotated-secret');
		});

		test('changes snowflake details and settings given as JSON', async () => {
			const connection = connectionOfType('snowflake');
			const run = await hex.run({
				resource: 'dataConnection',
				operation: 'update',
				dataConnectionId: locator(connection.id),
				connectionType: 'snowflake',
				snowflakeDetails: { snowflakeWarehouse: 'REPORTING_WH', snowflakeRole: 'REPORTER' },
				updateFields: {
					includeMagic: false,
					schemaFilters: JSON.stringify(SCHEMA_FILTERS),
				},
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()).toEqual([
				expectedRequest(hex, {
					method: 'PATCH',
					path: `${connectionsPath}/${connection.id}`,
					body: {
						connectionDetails: { snowflake: { warehouse: 'REPORTING_WH', role: 'REPORTER' } },
						includeMagic: false,
						schemaFilters: SCHEMA_FILTERS,
					},
				}),
			]);
			expect(json(run)).toEqual([
				expect.objectContaining({
					id: connection.id,
					includeMagic: false,
					schemaFilters: SCHEMA_FILTERS,
					connectionDetails: {
						snowflake: expect.objectContaining({ warehouse: 'REPORTING_WH', role: 'REPORTER' }),
					},
				}),
			]);
		});

		test('an emptied nullable detail is sent as null and clears it', async () => {
			const connection = connectionOfType('snowflake');
			const run = await hex.run({
				resource: 'dataConnection',
				operation: 'update',
				dataConnectionId: locator(connection.id),
				connectionType: 'snowflake',
				snowflakeDetails: { snowflakeSchema: ' ' },
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()).toEqual([
				expectedRequest(hex, {
					method: 'PATCH',
					path: `${connectionsPath}/${connection.id}`,
					body: { connectionDetails: { snowflake: { schema: null } } },
				}),
			]);
			expect(json(run)).toEqual([
				expect.objectContaining({
					connectionDetails: { snowflake: expect.objectContaining({ schema: null }) },
				}),
			]);
		});

		test('a type chosen with no details added sends no connectionDetails', async () => {
			const connection = connectionOfType('postgres');
			const run = await hex.run({
				resource: 'dataConnection',
				operation: 'update',
				dataConnectionId: locator(connection.id),
				connectionType: 'postgres',
				updateFields: { description: 'Nightly copy' },
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()[0].body).toEqual({ description: 'Nightly copy' });
		});
	});

	describe('Update Schema', () => {
		test('sets one status and removes another (null)', async () => {
			const connection = hex.fake.state.dataConnections[1];
			const catalog = hex.fake.state.catalogs.get(connection.id);
			if (!catalog) throw new Error('the fake has no catalog for the connection');
			const table = catalog.tables[0];
			const schema = catalog.schemas[0];
			const status = hex.fake.state.statuses[0];
			const run = await hex.run({
				resource: 'dataConnection',
				operation: 'updateSchema',
				dataConnectionId: locator(connection.id),
				updates: {
					update: [
						{ type: 'TABLE', name: ` ${table.name} `, status },
						{ type: 'SCHEMA', name: schema.name, removeStatus: true, status: 'stale' },
					],
				},
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()).toEqual([
				expectedRequest(hex, {
					method: 'PATCH',
					path: `${connectionsPath}/${connection.id}/schema`,
					body: {
						updates: [
							{ type: 'TABLE', name: table.name, status },
							{ type: 'SCHEMA', name: schema.name, status: null },
						],
					},
				}),
			]);
			expect(json(run)).toEqual([
				{
					updated: {
						databases: [],
						schemas: [{ name: schema.name, status: null }],
						tables: [{ name: table.name, status }],
					},
				},
			]);
			expect(table.status).toBe(status);
			expect(schema.status).toBeNull();
		});
	});
});
