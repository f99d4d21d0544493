import type { INodeParameters } from 'n8n-workflow';

import type { HexTestbed } from '../../../support/hex';
import { json, locator, startTestbed } from '../../../support/hex';

const VALID_ID = '5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c';

/** A value that reaches the node through an expression, as data from earlier nodes does. */
const fromExpression = (value: unknown) => `={{ ${JSON.stringify(value)} }}`;
const idFromExpression = (value: string) => locator(fromExpression(value));

describe('bad input is refused before any request, naming the field', () => {
	let hex: HexTestbed;

	beforeAll(async () => {
		hex = await startTestbed({ users: 5, projects: 5 });
	});
	afterAll(async () => await hex.fake.close());
	beforeEach(() => hex.fake.reset());
	afterEach(() => expect(hex.fake.internalErrors).toEqual([]));

	const cases: Array<[string, INodeParameters, RegExp]> = [
		[
			'an empty project',
			{ resource: 'project', operation: 'get', projectId: idFromExpression('') },
			/The "Project" parameter is empty/,
		],
		[
			'a project name instead of an ID',
			{ resource: 'project', operation: 'get', projectId: idFromExpression('Weekly Revenue') },
			/The "Project" parameter is not a Hex ID \(a UUID\): "Weekly Revenue"/,
		],
		[
			'a path-traversing project ID',
			{ resource: 'project', operation: 'get', projectId: idFromExpression('../users/me') },
			/"Project" parameter is not a Hex ID/,
		],
		[
			'a project ID with a slash',
			{
				resource: 'run',
				operation: 'getAll',
				runProjectId: idFromExpression(`${VALID_ID}/runs`),
				limit: 5,
			},
			/"Project" parameter is not a Hex ID/,
		],
		[
			'a project ID with a query',
			{ resource: 'project', operation: 'get', projectId: idFromExpression(`${VALID_ID}?x=1`) },
			/"Project" parameter is not a Hex ID/,
		],
		[
			'a project ID with a fragment',
			{ resource: 'project', operation: 'get', projectId: idFromExpression(`${VALID_ID}#x`) },
			/"Project" parameter is not a Hex ID/,
		],
		[
			'a project ID with inner whitespace',
			{ resource: 'project', operation: 'get', projectId: idFromExpression('5b2c1a7e 3f4d') },
			/"Project" parameter is not a Hex ID/,
		],
		[
			'an export of a project name',
			{ resource: 'project', operation: 'export', projectId: idFromExpression('My Project') },
			/"Project" parameter is not a Hex ID/,
		],
		[
			'a bad run ID',
			{
				resource: 'run',
				operation: 'get',
				runProjectId: locator(VALID_ID),
				runId: fromExpression('latest'),
			},
			/The "Run ID" parameter is not a Hex ID \(a UUID\): "latest"/,
		],
		[
			'a bad user ID',
			{ resource: 'user', operation: 'deactivate', userId: idFromExpression('nathan@example.com') },
			/The "User" parameter is not a Hex ID/,
		],
		[
			'a bad data connection ID',
			{
				resource: 'dataConnection',
				operation: 'get',
				dataConnectionId: idFromExpression('prod-warehouse'),
			},
			/The "Data Connection" parameter is not a Hex ID/,
		],
		[
			'a Limit of 0',
			{ resource: 'user', operation: 'getAll', limit: 0 },
			/The "Limit" parameter must be a whole number of at least 1/,
		],
		[
			'a Limit that is not a number',
			{ resource: 'project', operation: 'getAll', limit: '={{ "ten" }}' },
			/The "Limit" parameter must be a whole number of at least 1, got "ten"/,
		],
		[
			'malformed input parameters JSON',
			{
				resource: 'run',
				operation: 'start',
				runProjectId: locator(VALID_ID),
				inputParametersMode: 'json',
				inputParametersJson: '{"region": EMEA}',
			},
			/The "Input Parameters \(JSON\)" parameter is not valid JSON/,
		],
		[
			'input parameters JSON that is a list',
			{
				resource: 'run',
				operation: 'start',
				runProjectId: locator(VALID_ID),
				inputParametersMode: 'json',
				inputParametersJson: '["EMEA"]',
			},
			/The "Input Parameters \(JSON\)" parameter must be a JSON object/,
		],
		[
			'an input parameter without a name',
			{
				resource: 'run',
				operation: 'start',
				runProjectId: locator(VALID_ID),
				inputParametersMode: 'fields',
				inputParameters: { parameter: [{ name: ' ', value: 'x' }] },
			},
			/Input parameter 1 has no name/,
		],
		[
			'both a view ID and inputs',
			{
				resource: 'run',
				operation: 'start',
				runProjectId: locator(VALID_ID),
				inputParametersMode: 'json',
				inputParametersJson: '{"region": "EMEA"}',
				options: { viewId: VALID_ID },
			},
			/Use either "View ID" or "Input Parameters", not both/,
		],
		[
			'a notification without recipients',
			{
				resource: 'run',
				operation: 'start',
				runProjectId: locator(VALID_ID),
				notifications: { notification: [{ type: 'ALL', includeSuccessScreenshot: false }] },
			},
			/Notification 1 has no recipients/,
		],
		[
			'a notification with a bad user ID',
			{
				resource: 'run',
				operation: 'start',
				runProjectId: locator(VALID_ID),
				notifications: {
					notification: [{ type: 'ALL', includeSuccessScreenshot: false, userIds: 'nathan' }],
				},
			},
			/Notification 1: "Recipient User IDs" has an invalid Hex ID: "nathan"/,
		],
		[
			'schema updates without rows',
			{
				resource: 'dataConnection',
				operation: 'updateSchema',
				dataConnectionId: locator(VALID_ID),
				updates: {},
			},
			/The "Updates" parameter is empty/,
		],
		[
			'a schema update without a status',
			{
				resource: 'dataConnection',
				operation: 'updateSchema',
				dataConnectionId: locator(VALID_ID),
				updates: { update: [{ type: 'TABLE', name: 'a.b.c', removeStatus: false, status: '' }] },
			},
			/Update 1 has no "Status"/,
		],
		[
			'malformed schema filters JSON',
			{
				resource: 'dataConnection',
				operation: 'update',
				dataConnectionId: locator(VALID_ID),
				updateFields: { schemaFilters: '{nope' },
			},
			/The "Schema Filters \(JSON\)" parameter is not valid JSON/,
		],
		[
			'a group access row with a bad group ID',
			{
				resource: 'dataConnection',
				operation: 'update',
				dataConnectionId: locator(VALID_ID),
				updateFields: { groupAccess: { group: [{ groupId: 'finance', access: 'QUERY' }] } },
			},
			/Group Access row 1: "Group ID" is not a Hex ID/,
		],
		[
			'an empty required connection detail',
			{
				resource: 'dataConnection',
				operation: 'create',
				name: 'PG',
				connectionType: 'postgres',
				postgresHostname: fromExpression(''),
				postgresPort: 5432,
				postgresDatabase: 'db',
				postgresUsername: 'u',
				postgresPassword: 'p',
			},
			/The "Hostname" parameter is required for PostgreSQL connections/,
		],
	];

	test.each(cases)('%s', async (_label, parameters, message) => {
		const run = await hex.run(parameters);
		expect(run.error?.message).toMatch(message);
		expect(hex.fake.requests).toEqual([]);
	});

	// Typed in the editor (no expression), the value is checked by the same plain code when the
	// node runs: no locator mode carries a regex for n8n to run in node:vm.
	test.each([
		[
			'a project name typed as ID',
			{ resource: 'project', operation: 'get', projectId: locator('Weekly Revenue') },
			'The "Project" parameter is not a Hex ID (a UUID): "Weekly Revenue"',
		],
		[
			'a user email typed as ID',
			{ resource: 'user', operation: 'deactivate', userId: locator('nathan@example.com') },
			'The "User" parameter is not a Hex ID (a UUID): "nathan@example.com"',
		],
		[
			'a link that is not a Hex project link',
			{
				resource: 'project',
				operation: 'get',
				projectId: locator('https://example.com/not/hex', 'url'),
			},
			'The "Project" link is not a Hex project link: "https://example.com/not/hex"',
		],
		[
			'a project link pasted for a data connection',
			{
				resource: 'dataConnection',
				operation: 'get',
				dataConnectionId: locator('https://app.hex.tech/acme/settings', 'url'),
			},
			'The "Data Connection" link is not a Hex link with an ID in it: "https://app.hex.tech/acme/settings"',
		],
	] as Array<[string, INodeParameters, string]>)(
		'typed in the editor, %s fails with the field named',
		async (_label, parameters, message) => {
			const run = await hex.run(parameters);
			expect(run.error?.message).toBe(message);
			expect(hex.fake.requests).toEqual([]);
		},
	);

	test('an empty required field is flagged as a node issue', async () => {
		await expect(hex.run({ resource: 'project', operation: 'create', title: '' })).rejects.toThrow(
			/Parameter "Title" is required/,
		);
		expect(hex.fake.requests).toEqual([]);
	});
});

describe('Continue On Fail', () => {
	test('a bad item becomes an error item and the others still run, in order', async () => {
		const hex = await startTestbed({ users: 5, projects: 5 });
		try {
			const [first, second] = hex.fake.state.projects;
			const run = await hex.run(
				{
					resource: 'project',
					operation: 'get',
					projectId: locator('={{ $json.project }}'),
				},
				{
					continueOnFail: true,
					input: [{ project: first.id }, { project: 'not-an-id' }, { project: second.id }],
				},
			);
			expect(run.error).toBeUndefined();
			expect(run.items).toHaveLength(3);
			expect(json(run)[0]).toEqual(expect.objectContaining({ id: first.id }));
			expect(JSON.stringify(run.items[1])).toMatch(/The \\"Project\\" parameter is not a Hex ID/);
			expect(json(run)[2]).toEqual(expect.objectContaining({ id: second.id }));
			expect(hex.fake.requests.map((request) => request.path)).toEqual([
				`/api/v1/projects/${first.id}`,
				`/api/v1/projects/${second.id}`,
			]);
		} finally {
			await hex.fake.close();
		}
	});
});

describe('parameters of one operation never leak into another', () => {
	test('switching operations with stale hidden values sends none of them', async () => {
		const hex = await startTestbed({ users: 5, projects: 5 });
		try {
			const project = hex.fake.state.projects[0];
			// Values left behind by other operations, as n8n keeps them in a node's parameters.
			const stale = {
				title: 'stale title',
				additionalFields: { description: 'stale', includeMagic: true },
				filters: { statuses: 'Approved', groupId: 'stale', includeArchived: true },
				sort: { sortBy: 'EMAIL', sortDirection: 'DESC' },
				statusAction: 'remove',
				status: 'stale status',
				version: 'latest',
				inputParametersMode: 'json',
				inputParametersJson: '{"stale": true}',
				notifications: { notification: [{ type: 'ALL', slackChannelIds: 'C1' }] },
				options: { dryRun: true, viewId: 'stale', includeExpandedStats: true },
				updates: { update: [{ type: 'TABLE', name: 'x', status: 'y' }] },
				name: 'stale connection',
				connectionType: 'postgres',
				postgresHostname: 'stale.example.com',
				waitForCompletion: true,
				returnAll: true,
			};
			const runs = [
				await hex.run({
					...stale,
					resource: 'project',
					operation: 'get',
					projectId: locator(project.id),
				}),
				await hex.run({
					...stale,
					resource: 'run',
					operation: 'getAll',
					runProjectId: locator(project.id),
					returnAll: false,
					limit: 2,
				}),
				await hex.run({ ...stale, resource: 'user', operation: 'getCurrent' }),
			];
			runs.forEach((run) => expect(run.error).toBeUndefined());
			expect(
				hex.fake.requests.map(({ method, path, query, body }) => ({ method, path, query, body })),
			).toEqual([
				{ method: 'GET', path: `/api/v1/projects/${project.id}`, query: {}, body: undefined },
				{
					method: 'GET',
					path: `/api/v1/projects/${project.id}/runs`,
					query: { limit: '2', offset: '0' },
					body: undefined,
				},
				{ method: 'GET', path: '/api/v1/users/me', query: {}, body: undefined },
			]);
			expect(hex.fake.requests[0].headers['enable-expanded-stats']).toBeUndefined();
		} finally {
			await hex.fake.close();
		}
	});
});
