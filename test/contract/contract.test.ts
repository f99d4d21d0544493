import type { INodeParameters } from 'n8n-workflow';

import { Hex } from '../../nodes/Hex/Hex.node';
import { runHexNode } from '../harness/engine';
import { locator } from '../support/hex';
import { nodeOperations, specOperationFor } from '../support/operations';
import type { PrismMock } from '../support/prism';
import { startPrism } from '../support/prism';

const PROJECT = '5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c';
const RUN = '0f1e2d3c-4b5a-4978-8796-a5b4c3d2e1f0';
const USER = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const CONNECTION = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const GROUP = '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e';

/** One spec-valid, feature-rich parameter set per node operation. */
const cases: Record<string, INodeParameters> = {
	'user.getAll': {
		returnAll: true,
		filters: { groupId: GROUP, userIds: `${USER}, ${USER}` },
		sort: { sortBy: 'EMAIL', sortDirection: 'DESC' },
	},
	'user.getCurrent': {},
	'user.deactivate': { userId: locator(USER) },
	'project.getAll': {
		returnAll: true,
		filters: {
			includeArchived: true,
			includeComponents: true,
			includeSharing: true,
			includeTrashed: true,
			statuses: 'Approved, In Review',
			categories: 'Finance',
			creatorEmail: 'a@example.com',
			ownerEmail: 'b@example.com',
			collectionId: GROUP,
		},
		sort: { sortBy: 'LAST_PUBLISHED_AT', sortDirection: 'ASC' },
	},
	'project.get': { projectId: locator(PROJECT), options: { includeSharing: true } },
	'project.create': { title: 'Churn', additionalFields: { description: 'Weekly churn' } },
	'project.update': { projectId: locator(PROJECT), statusAction: 'remove' },
	'project.export': { projectId: locator(PROJECT), version: 'number', versionNumber: 3 },
	'project.getQueriedTables': { projectId: locator(PROJECT), returnAll: true },
	'run.start': {
		projectId: locator(PROJECT),
		inputParametersMode: 'json',
		inputParametersJson: '{"region": "EMEA", "threshold": 10, "tags": ["a"]}',
		notifications: {
			notification: [
				{
					type: 'FAILURE',
					includeSuccessScreenshot: true,
					screenshotFormat: 'pdf',
					slackChannelIds: 'C0123, C0456',
					userIds: USER,
					groupIds: GROUP,
					subject: 'Run failed',
					body: 'See Hex',
				},
			],
		},
		options: { dryRun: true, updatePublishedResults: false, useCachedSqlResults: false },
	},
	'run.get': { projectId: locator(PROJECT), runId: RUN, options: { includeExpandedStats: true } },
	'run.getAll': {
		projectId: locator(PROJECT),
		limit: 3,
		filters: { statusFilter: 'ERRORED', runTriggerFilter: 'SCHEDULED' },
	},
	'run.cancel': { projectId: locator(PROJECT), runId: RUN },
	// Prism always answers the same example status, so this wait ends by timing out and cancelling.
	'run.wait': { projectId: locator(PROJECT), runId: RUN, pollInterval: 2, timeout: 1 },
	'dataConnection.getAll': {
		returnAll: true,
		sort: { sortBy: 'CREATED_AT', sortDirection: 'DESC' },
	},
	'dataConnection.get': { dataConnectionId: locator(CONNECTION) },
	'dataConnection.create': {
		name: 'Warehouse',
		connectionType: 'snowflake',
		snowflakeAccountName: 'acme-main',
		snowflakeWarehouse: 'COMPUTE_WH',
		snowflakeDatabase: 'ANALYTICS',
		snowflakeUsername: 'HEX',
		snowflakePrivateKey: 'not-a-real-key',
		snowflakePassphrase: 'not-a-real-passphrase',
		snowflakeOptions: { snowflakeRole: 'REPORTER', snowflakeSchema: 'PUBLIC' },
		additionalFields: {
			description: 'Main warehouse',
			connectViaSsh: false,
			includeMagic: true,
			allowWritebackCells: false,
			schemaRefreshAccess: 'ADMINS',
			membersAccess: 'QUERY',
			guestsAccess: 'NONE',
			publicAccess: 'NONE',
			groupAccess: { group: [{ groupId: GROUP, access: 'VIEW_RESULTS' }] },
			schemaFilters: '{"schemas": {"include": {"matchType": "PREFIX", "values": ["analytics"]}}}',
			schemaRefreshSchedule:
				'{"cadence": "DAILY", "enabled": true, "daily": {"hour": 6, "minute": 0, "timezoneString": "+00:00"}}',
		},
	},
	'dataConnection.update': {
		dataConnectionId: locator(CONNECTION),
		connectionType: 'postgres',
		postgresDetails: { postgresPassword: 'rotated', postgresPort: 5433 },
		updateFields: {
			name: 'Renamed',
			groupAccess: { group: [{ groupId: GROUP, access: 'QUERY' }] },
		},
	},
	'dataConnection.updateSchema': {
		dataConnectionId: locator(CONNECTION),
		updates: {
			update: [
				{ type: 'TABLE', name: 'analytics.public.orders', removeStatus: false, status: 'Endorsed' },
				{ type: 'SCHEMA', name: 'analytics.staging', removeStatus: true },
			],
		},
	},
};

const operations = nodeOperations(new Hex().description);

describe('contract: every operation against Prism mocking Hex’s OpenAPI spec', () => {
	let prism: PrismMock;

	beforeAll(async () => {
		prism = await startPrism(0);
	});
	afterAll(async () => await prism.close());

	test('every node operation has a contract case', () => {
		expect(Object.keys(cases).sort()).toEqual(
			operations.map((operation) => `${operation.resource}.${operation.operation}`).sort(),
		);
	});

	test.each(
		operations.map((operation) => [
			`${operation.resource}.${operation.operation} (${specOperationFor(operation)?.operationId})`,
			operation,
		]),
	)('%s is accepted by Prism', async (_label, operation) => {
		const run = await runHexNode({
			parameters: {
				resource: operation.resource,
				operation: operation.operation,
				...cases[`${operation.resource}.${operation.operation}`],
			},
			credentials: { subdomain: 'app', apiToken: 'hxtp_contract', baseUrl: prism.baseUrl },
		});
		if (run.error?.message.startsWith('The Hex run did not finish')) {
			// Only a wait may end this way; its status polls and the cancel were accepted.
			expect(operation.operation).toBe('wait');
			expect(run.error.message).toMatch(/; it was cancelled$/);
			return;
		}
		expect(run.error).toBeUndefined();
		expect(run.items.length).toBeGreaterThan(0);
	});
});

describe('contract: the check can fail', () => {
	test('Prism turns a request the spec forbids into an error (export version 0)', async () => {
		const prism = await startPrism(0);
		try {
			const run = await runHexNode({
				parameters: {
					resource: 'project',
					operation: 'export',
					projectId: locator(PROJECT),
					version: 'number',
					versionNumber: 0,
				},
				credentials: { subdomain: 'app', apiToken: 'hxtp_contract', baseUrl: prism.baseUrl },
			});
			expect(run.error?.message).toMatch(/^Hex API error (400|422)/);
		} finally {
			await prism.close();
		}
	});
});
