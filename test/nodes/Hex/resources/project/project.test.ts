import type { HexTestbed } from '../../../../support/hex';
import { expectedRequest, json, locator, startTestbed } from '../../../../support/hex';

describe('Project resource (engine)', () => {
	let hex: HexTestbed;
	let published: HexTestbed['fake']['state']['projects'][number];

	beforeAll(async () => {
		hex = await startTestbed();
		published = hex.fake.state.projects[0];
	});
	afterAll(async () => await hex.fake.close());
	beforeEach(() => hex.fake.reset());
	afterEach(() => expect(hex.fake.internalErrors).toEqual([]));

	const project = () => published;

	test('Get Many with Return All walks the cursor to the end', async () => {
		const run = await hex.run({ resource: 'project', operation: 'getAll', returnAll: true });
		expect(run.error).toBeUndefined();
		const visible = hex.fake.state.projects.filter(
			(candidate) => !candidate.archivedAt && !candidate.trashedAt && candidate.type === 'PROJECT',
		);
		// Sharing is only listed on request.
		expect(json(run)).toEqual(
			visible.map((listed) => {
				const withoutSharing = { ...listed };
				delete withoutSharing.sharing;
				return withoutSharing;
			}),
		);
		expect(hex.sent().map((request) => request.query.limit)).toEqual(
			Array(Math.ceil(visible.length / 100)).fill('100'),
		);
		expect(
			hex
				.sent()
				.slice(1)
				.every((request) => typeof request.query.after === 'string'),
		).toBe(true);
	});

	test('Get Many sends every filter and sort, lists as repeated keys', async () => {
		const run = await hex.run({
			resource: 'project',
			operation: 'getAll',
			limit: 5,
			filters: {
				includeArchived: true,
				includeComponents: true,
				includeSharing: true,
				includeTrashed: true,
				statuses: 'Approved, In Review',
				categories: 'Finance',
				creatorEmail: 'a@example.com',
				ownerEmail: 'b@example.com',
				collectionId: hex.fake.state.collections[0].id,
			},
			sort: { sortBy: 'LAST_EDITED_AT', sortDirection: 'ASC' },
		});
		expect(run.error).toBeUndefined();
		expect(hex.sent()).toEqual([
			expectedRequest(hex, {
				method: 'GET',
				path: '/api/v1/projects',
				query: {
					limit: '5',
					includeArchived: 'true',
					includeComponents: 'true',
					includeSharing: 'true',
					includeTrashed: 'true',
					statuses: ['Approved', 'In Review'],
					categories: 'Finance',
					creatorEmail: 'a@example.com',
					ownerEmail: 'b@example.com',
					collectionId: hex.fake.state.collections[0].id,
					sortBy: 'LAST_EDITED_AT',
					sortDirection: 'ASC',
				},
			}),
		]);
	});

	test('Get accepts a pasted project link and can include sharing', async () => {
		const link = `https://app.hex.tech/fake-org/app/Weekly-Review-${project().id}/latest`;
		const run = await hex.run({
			resource: 'project',
			operation: 'get',
			projectId: locator(link, 'url'),
			options: { includeSharing: true },
		});
		expect(run.error).toBeUndefined();
		expect(hex.sent()).toEqual([
			expectedRequest(hex, {
				method: 'GET',
				path: `/api/v1/projects/${project().id}`,
				query: { includeSharing: 'true' },
			}),
		]);
		expect(json(run)).toEqual([
			expect.objectContaining({ id: project().id, sharing: expect.any(Object) }),
		]);
	});

	test('Create sends title and description', async () => {
		const run = await hex.run({
			resource: 'project',
			operation: 'create',
			title: 'Churn Review',
			additionalFields: { description: 'Weekly churn' },
		});
		expect(run.error).toBeUndefined();
		expect(hex.sent()).toEqual([
			expectedRequest(hex, {
				method: 'POST',
				path: '/api/v1/projects',
				body: { title: 'Churn Review', description: 'Weekly churn' },
			}),
		]);
		expect(json(run)).toEqual([
			expect.objectContaining({
				title: 'Churn Review',
				description: 'Weekly churn',
				id: expect.any(String),
			}),
		]);
	});

	test('Update sets a status by name', async () => {
		const status = hex.fake.state.statuses[0];
		const run = await hex.run({
			resource: 'project',
			operation: 'update',
			projectId: locator(project().id),
			statusAction: 'set',
			status,
		});
		expect(run.error).toBeUndefined();
		expect(hex.sent()).toEqual([
			expectedRequest(hex, {
				method: 'PATCH',
				path: `/api/v1/projects/${project().id}`,
				body: { status },
			}),
		]);
		expect(json(run)).toEqual([expect.objectContaining({ status: { name: status } })]);
	});

	test('Update with Remove Status sends null', async () => {
		const run = await hex.run({
			resource: 'project',
			operation: 'update',
			projectId: locator(project().id),
			statusAction: 'remove',
			status: 'stale value that must not be sent',
		});
		expect(run.error).toBeUndefined();
		expect(hex.sent()).toEqual([
			expectedRequest(hex, {
				method: 'PATCH',
				path: `/api/v1/projects/${project().id}`,
				body: { status: null },
			}),
		]);
		expect(json(run)).toEqual([expect.objectContaining({ status: null })]);
	});

	test('Export returns the YAML as text and as a binary file', async () => {
		const run = await hex.run({
			resource: 'project',
			operation: 'export',
			projectId: locator(project().id),
			version: 'latest',
			binaryPropertyName: 'yaml',
		});
		expect(run.error).toBeUndefined();
		expect(hex.sent()).toEqual([
			expectedRequest(hex, {
				method: 'POST',
				path: '/api/v1/projects/export',
				body: { projectId: project().id, version: 'latest' },
			}),
		]);
		const [item] = run.items;
		const { filename, content } = item.json as { filename: string; content: string };
		expect(content).toContain(project().title);
		expect(item.binary?.yaml).toEqual(
			expect.objectContaining({ fileName: filename, mimeType: 'application/yaml' }),
		);
		expect(Buffer.from(item.binary?.yaml.data ?? '', 'base64').toString('utf8')).toBe(content);
	});

	test('Export of a numbered version sends the number', async () => {
		const run = await hex.run({
			resource: 'project',
			operation: 'export',
			projectId: locator(project().id),
			version: 'number',
			versionNumber: 1,
		});
		expect(run.error).toBeUndefined();
		expect(hex.sent()[0].body).toEqual({ projectId: project().id, version: 1 });
	});

	test('Get Queried Tables pages through the tables', async () => {
		const run = await hex.run({
			resource: 'project',
			operation: 'getQueriedTables',
			projectId: locator(project().id),
			returnAll: true,
		});
		expect(run.error).toBeUndefined();
		expect(json(run)).toEqual(hex.fake.state.queriedTables.get(project().id));
		expect(hex.sent()[0]).toEqual(
			expectedRequest(hex, {
				method: 'GET',
				path: `/api/v1/projects/${project().id}/queriedTables`,
				query: { limit: '100' },
			}),
		);
	});
});
