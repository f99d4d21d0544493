import { locator } from '../hex';
import type { OperationCases } from './types';
import { PRISM_IDS } from './types';

export const dataConnectionCases: OperationCases = {
	'dataConnection.getAll': {
		prism: { returnAll: true, sort: { sortBy: 'CREATED_AT', sortDirection: 'DESC' } },
		fake: () => ({ limit: 5 }),
	},
	'dataConnection.get': {
		prism: { dataConnectionId: locator(PRISM_IDS.connection) },
		fake: (fake) => ({ dataConnectionId: locator(fake.state.dataConnections[0].id) }),
	},
	'dataConnection.create': {
		prism: {
			name: 'Warehouse',
			connectionType: 'snowflake',
			snowflakeAccountName: 'acme-main',
			snowflakeWarehouse: 'COMPUTE_WH',
			snowflakeDatabase: 'ANALYTICS',
			snowflakeUsername: 'HEX',
			snowflakePrivateKey: 'not-a-real-key',
			snowflakePassphrase: 'not-a-real-passphrase',
			snowflakeOptions: { snowflakeRole: 'REPORTER', snowflakeSchema: 'PUBLIC' },
			dataConnectionAdditionalFields: {
				description: 'Main warehouse',
				connectViaSsh: false,
				includeMagic: true,
				allowWritebackCells: false,
				schemaRefreshAccess: 'ADMINS',
				membersAccess: 'QUERY',
				guestsAccess: 'NONE',
				publicAccess: 'NONE',
				groupAccess: { group: [{ groupId: PRISM_IDS.group, access: 'VIEW_RESULTS' }] },
				schemaFilters: '{"schemas": {"include": {"matchType": "PREFIX", "values": ["analytics"]}}}',
				schemaRefreshSchedule:
					'{"cadence": "DAILY", "enabled": true, "daily": {"hour": 6, "minute": 0, "timezoneString": "+00:00"}}',
			},
		},
		fake: () => ({
			name: 'Fault Matrix',
			connectionType: 'postgres',
			postgresHostname: 'db.example.com',
			postgresPort: 5432,
			postgresDatabase: 'analytics',
			postgresUsername: 'hex',
			postgresPassword: 'not-a-real-password',
		}),
	},
	'dataConnection.update': {
		prism: {
			dataConnectionId: locator(PRISM_IDS.connection),
			connectionType: 'postgres',
			postgresDetails: { postgresPassword: 'rotated', postgresPort: 5433 },
			updateFields: {
				name: 'Renamed',
				groupAccess: { group: [{ groupId: PRISM_IDS.group, access: 'QUERY' }] },
			},
		},
		fake: (fake) => ({
			dataConnectionId: locator(fake.state.dataConnections[0].id),
			updateFields: { name: 'Renamed' },
		}),
	},
	'dataConnection.updateSchema': {
		prism: {
			dataConnectionId: locator(PRISM_IDS.connection),
			updates: {
				update: [
					{
						type: 'TABLE',
						name: 'analytics.public.orders',
						removeStatus: false,
						status: 'Endorsed',
					},
					{ type: 'SCHEMA', name: 'analytics.staging', removeStatus: true },
				],
			},
		},
		fake: (fake) => {
			const connection = fake.state.dataConnections[0];
			const table = fake.state.catalogs.get(connection.id)?.tables[0].name ?? '';
			return {
				dataConnectionId: locator(connection.id),
				updates: { update: [{ type: 'TABLE', name: table, status: fake.state.statuses[0] }] },
			};
		},
	},
};
