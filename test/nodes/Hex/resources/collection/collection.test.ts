import { searchCollections } from '../../../../../nodes/Hex/listSearch';
import { hexLoadOptionsContext } from '../../../../harness/engine';
import type { HexTestbed } from '../../../../support/hex';
import { expectedRequest, json, locator, startTestbed } from '../../../../support/hex';

const collectionsPath = '/api/v1/collections';

interface CollectionOut {
	id: string;
	name: string;
	description?: string;
	sharing: {
		users?: Array<{ id: string; access: string }>;
		groups?: Array<{ id: string; access: string }>;
		workspace?: { members?: string };
	};
}

describe('Collection resource (engine)', () => {
	let hex: HexTestbed;

	beforeAll(async () => {
		hex = await startTestbed({ users: 300, projects: 5, dataConnections: 2 });
	});
	afterAll(async () => await hex.fake.close());
	beforeEach(() => hex.fake.reset());
	afterEach(() => expect(hex.fake.internalErrors).toEqual([]));

	const state = () => hex.fake.state;
	const userId = (index: number) => state().users[index].id;
	const groupId = (index: number) => state().groups[index].id;
	/** Creates a collection through the node, for tests that change one. */
	const createCollection = async (name: string) => {
		const run = await hex.run({
			resource: 'collection',
			operation: 'create',
			collectionName: name,
		});
		expect(run.error).toBeUndefined();
		hex.fake.reset();
		return json(run)[0] as CollectionOut;
	};

	describe('Get Many', () => {
		test('Return All walks pages of 100 and can sort by name', async () => {
			const added = Array.from({ length: 130 }, (_, i) => ({
				id: state().newId(),
				name: `Bulk ${String(i).padStart(3, '0')}`,
			}));
			state().collections.push(...added);
			try {
				const run = await hex.run({
					resource: 'collection',
					operation: 'getAll',
					returnAll: true,
					sort: { sortBy: 'NAME' },
				});
				expect(run.error).toBeUndefined();
				const names = state()
					.collections.map((collection) => collection.name)
					.sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
				expect(json(run).map((collection) => (collection as CollectionOut).name)).toEqual(names);
				expect(json(run)[0]).toEqual(
					expect.objectContaining({ id: expect.any(String), sharing: expect.any(Object) }),
				);
				expect(hex.sent()).toEqual([
					expectedRequest(hex, {
						method: 'GET',
						path: collectionsPath,
						query: { limit: '100', sortBy: 'NAME' },
					}),
					expectedRequest(hex, {
						method: 'GET',
						path: collectionsPath,
						query: { limit: '100', sortBy: 'NAME', after: expect.any(String) },
					}),
				]);
			} finally {
				const addedIds = new Set(added.map((collection) => collection.id));
				state().collections = state().collections.filter((c) => !addedIds.has(c.id));
			}
		});

		test('Limit asks for no more than needed', async () => {
			const run = await hex.run({ resource: 'collection', operation: 'getAll', limit: 2 });
			expect(run.error).toBeUndefined();
			expect(run.items).toHaveLength(2);
			expect(hex.sent()).toEqual([
				expectedRequest(hex, { method: 'GET', path: collectionsPath, query: { limit: '2' } }),
			]);
		});
	});

	describe('Get', () => {
		test('gets a collection with its sharing', async () => {
			const collection = state().collections[0];
			const run = await hex.run({
				resource: 'collection',
				operation: 'get',
				collectionId: locator(collection.id, 'list'),
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()).toEqual([
				expectedRequest(hex, { method: 'GET', path: `${collectionsPath}/${collection.id}` }),
			]);
			expect(json(run)).toEqual([
				expect.objectContaining({
					id: collection.id,
					name: collection.name,
					sharing: expect.objectContaining({ workspace: expect.any(Object) }),
				}),
			]);
		});

		test('refuses an ID that is not a UUID, sending nothing', async () => {
			await hex.refuses(
				{
					resource: 'collection',
					operation: 'get',
					collectionId: locator('={{ "Finance" }}'),
				},
				'The "Collection" parameter is not a Hex ID (a UUID): "Finance"',
			);
		});
	});

	describe('Create', () => {
		test('sends name, description and the sharing shape of Hex’s spec', async () => {
			const run = await hex.run({
				resource: 'collection',
				operation: 'create',
				collectionName: 'Finance Dashboards',
				collectionAdditionalFields: {
					description: 'Month-end close',
					userAccess: {
						user: [
							{ id: userId(1), access: 'MANAGER' },
							{ id: ` ${userId(2)} `, access: 'MEMBER' },
						],
					},
					groupAccess: { group: [{ id: groupId(0), access: 'MEMBER' }] },
					workspaceMembersAccess: 'NONE',
				},
			});
			expect(run.error).toBeUndefined();
			const sharing = {
				users: [
					{ id: userId(1), access: 'MANAGER' },
					{ id: userId(2), access: 'MEMBER' },
				],
				groups: [{ id: groupId(0), access: 'MEMBER' }],
				workspace: { members: 'NONE' },
			};
			expect(hex.sent()).toEqual([
				expectedRequest(hex, {
					method: 'POST',
					path: collectionsPath,
					body: { name: 'Finance Dashboards', description: 'Month-end close', sharing },
				}),
			]);
			const [created] = json(run) as CollectionOut[];
			expect(created).toEqual(
				expect.objectContaining({
					id: expect.any(String),
					name: 'Finance Dashboards',
					description: 'Month-end close',
					sharing,
				}),
			);
			expect(state().collections.some((collection) => collection.id === created.id)).toBe(true);
		});

		test('a name alone sends only the name', async () => {
			const run = await hex.run({
				resource: 'collection',
				operation: 'create',
				collectionName: 'Bare',
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()[0].body).toEqual({ name: 'Bare' });
		});

		test('an access value from an expression is sent as given (Hex types it as a string)', async () => {
			const run = await hex.run({
				resource: 'collection',
				operation: 'create',
				collectionName: 'Custom Access',
				collectionAdditionalFields: { workspaceMembersAccess: '={{ "EDITOR" }}' },
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()[0].body).toEqual({
				name: 'Custom Access',
				sharing: { workspace: { members: 'EDITOR' } },
			});
		});

		test('refuses a bad user ID or a user listed twice, sending nothing', async () => {
			const badId = await hex.run({
				resource: 'collection',
				operation: 'create',
				collectionName: 'Typo',
				collectionAdditionalFields: {
					userAccess: { user: [{ id: 'ada@example.com', access: 'MEMBER' }] },
				},
			});
			expect(badId.error?.message).toBe(
				'User Access row 1: "User ID" is not a Hex ID: "ada@example.com"',
			);
			await hex.refuses(
				{
					resource: 'collection',
					operation: 'create',
					collectionName: 'Twice',
					collectionAdditionalFields: {
						groupAccess: {
							group: [
								{ id: groupId(1), access: 'MEMBER' },
								{ id: groupId(1), access: 'MANAGER' },
							],
						},
					},
				},
				`Group Access row 2: group "${groupId(1)}" is listed twice`,
			);
		});
	});

	describe('Update', () => {
		test('renames and upserts access under sharing.upsert', async () => {
			const collection = await createCollection('Before');
			const run = await hex.run({
				resource: 'collection',
				operation: 'update',
				collectionId: locator(collection.id),
				collectionUpdateFields: {
					name: 'After',
					description: '',
					userAccess: { user: [{ id: userId(3), access: 'MANAGER' }] },
					groupAccess: { group: [{ id: groupId(2), access: 'MEMBER' }] },
					workspaceMembersAccess: 'MEMBER',
				},
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()).toEqual([
				expectedRequest(hex, {
					method: 'PATCH',
					path: `${collectionsPath}/${collection.id}`,
					body: {
						name: 'After',
						description: '',
						sharing: {
							upsert: {
								users: [{ id: userId(3), access: 'MANAGER' }],
								groups: [{ id: groupId(2), access: 'MEMBER' }],
								workspace: { members: 'MEMBER' },
							},
						},
					},
				}),
			]);
			expect(json(run)).toEqual([
				expect.objectContaining({
					id: collection.id,
					name: 'After',
					description: '',
					sharing: {
						users: [{ id: userId(3), access: 'MANAGER' }],
						groups: [{ id: groupId(2), access: 'MEMBER' }],
						workspace: { members: 'MEMBER' },
					},
				}),
			]);
		});

		test('None removes a user’s access', async () => {
			const collection = await createCollection('Shared');
			await hex.run({
				resource: 'collection',
				operation: 'update',
				collectionId: locator(collection.id),
				collectionUpdateFields: { userAccess: { user: [{ id: userId(4), access: 'MEMBER' }] } },
			});
			const run = await hex.run({
				resource: 'collection',
				operation: 'update',
				collectionId: locator(collection.id),
				collectionUpdateFields: { userAccess: { user: [{ id: userId(4), access: 'NONE' }] } },
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()[1].body).toEqual({
				sharing: { upsert: { users: [{ id: userId(4), access: 'NONE' }] } },
			});
			expect((json(run)[0] as CollectionOut).sharing.users).toEqual([]);
		});

		test('refuses an update with nothing to change, sending nothing', async () => {
			await hex.refuses(
				{
					resource: 'collection',
					operation: 'update',
					collectionId: locator(state().collections[0].id),
					collectionUpdateFields: {},
				},
				'Nothing to update',
			);
		});
	});

	test('picker: collections by name, searchable', async () => {
		const context = () => hexLoadOptionsContext(hex.credentials);
		const page = await searchCollections.call(context());
		expect(page.results).toHaveLength(state().collections.length);
		expect(hex.fake.requests[0].query).toEqual({ limit: '100', sortBy: 'NAME' });
		const target = state().collections[1];
		const found = await searchCollections.call(context(), target.name.toLowerCase());
		expect(found.results).toContainEqual({ name: target.name, value: target.id });
	});
});
