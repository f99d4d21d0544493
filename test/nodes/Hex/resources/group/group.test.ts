import { searchGroups } from '../../../../../nodes/Hex/listSearch';
import { hexLoadOptionsContext } from '../../../../harness/engine';
import type { HexTestbed } from '../../../../support/hex';
import { expectedRequest, json, locator, startTestbed } from '../../../../support/hex';

const groupsPath = '/api/v1/groups';

describe('Group resource (engine)', () => {
	let hex: HexTestbed;

	beforeAll(async () => {
		hex = await startTestbed({ users: 300, projects: 5, dataConnections: 2 });
	});
	afterAll(async () => await hex.fake.close());
	beforeEach(() => hex.fake.reset());
	afterEach(() => expect(hex.fake.internalErrors).toEqual([]));

	const state = () => hex.fake.state;
	const userId = (index: number) => state().users[index].id;
	/** A group of its own for a test that changes it. */
	const freshGroup = (name: string, memberIds: string[] = []) => {
		const group = { id: state().newId(), name, memberIds };
		state().groups.push(group);
		return group;
	};

	describe('Get Many', () => {
		test('Return All reads pages of 500 until the cursor ends', async () => {
			const before = state().groups.length;
			const extra = Array.from({ length: 520 - before }, (_, i) =>
				freshGroup(`Bulk ${String(i).padStart(3, '0')}`),
			);
			try {
				const run = await hex.run({ resource: 'group', operation: 'getAll', returnAll: true });
				expect(run.error).toBeUndefined();
				expect(run.items).toHaveLength(520);
				expect(json(run)[0]).toEqual({
					id: expect.any(String),
					name: expect.any(String),
					createdAt: expect.any(String),
				});
				expect(new Set(json(run).map((group) => (group as { id: string }).id)).size).toBe(520);
				expect(hex.sent()).toEqual([
					expectedRequest(hex, { method: 'GET', path: groupsPath, query: { limit: '500' } }),
					expectedRequest(hex, {
						method: 'GET',
						path: groupsPath,
						query: { limit: '500', after: expect.any(String) },
					}),
				]);
			} finally {
				const extraIds = new Set(extra.map((group) => group.id));
				state().groups = state().groups.filter((group) => !extraIds.has(group.id));
			}
		});

		test('Limit asks for no more than needed and sends the sort', async () => {
			const run = await hex.run({
				resource: 'group',
				operation: 'getAll',
				limit: 3,
				sort: { sortBy: 'NAME', sortDirection: 'DESC' },
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()).toEqual([
				expectedRequest(hex, {
					method: 'GET',
					path: groupsPath,
					query: { limit: '3', sortBy: 'NAME', sortDirection: 'DESC' },
				}),
			]);
			const names = state()
				.groups.map((group) => group.name)
				.sort((a, b) => b.toLowerCase().localeCompare(a.toLowerCase()))
				.slice(0, 3);
			expect(json(run).map((group) => (group as { name: string }).name)).toEqual(names);
		});

		test('refuses a Limit of 0, sending nothing', async () => {
			await hex.refuses(
				{ resource: 'group', operation: 'getAll', limit: 0 },
				'The "Limit" parameter must be a whole number of at least 1, got 0',
			);
		});
	});

	describe('Get', () => {
		test('gets a group picked from the list', async () => {
			const group = state().groups[0];
			const run = await hex.run({
				resource: 'group',
				operation: 'get',
				groupId: locator(group.id, 'list'),
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()).toEqual([
				expectedRequest(hex, { method: 'GET', path: `${groupsPath}/${group.id}` }),
			]);
			expect(json(run)).toEqual([
				{ id: group.id, name: group.name, createdAt: expect.any(String) },
			]);
		});

		test('refuses an ID that is not a UUID, sending nothing', async () => {
			const run = await hex.run({
				resource: 'group',
				operation: 'get',
				groupId: locator('={{ "Data Team" }}'),
			});
			expect(run.error?.message).toBe(
				'The "Group" parameter is not a Hex ID (a UUID): "Data Team"',
			);
			// Typed in the editor, the same value fails the same way, before anything is sent.
			await hex.refuses(
				{
					resource: 'group',
					operation: 'get',
					groupId: locator('Data Team'),
				},
				'The "Group" parameter is not a Hex ID (a UUID): "Data Team"',
			);
		});

		test('a group that does not exist is a readable 404', async () => {
			const run = await hex.run({
				resource: 'group',
				operation: 'get',
				groupId: locator('00000000-0000-4000-8000-000000000000'),
			});
			expect(run.error?.message).toMatch(/^Hex API error 404: Group .* not found$/);
			expect(hex.sent()).toHaveLength(1);
		});
	});

	describe('Create', () => {
		test('sends the name and the members, de-duplicated', async () => {
			const run = await hex.run({
				resource: 'group',
				operation: 'create',
				groupName: ' Revenue Ops ',
				groupAdditionalFields: {
					memberUserIds: `${userId(1)}, ${userId(2)},,${userId(1)}`,
				},
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()).toEqual([
				expectedRequest(hex, {
					method: 'POST',
					path: groupsPath,
					body: {
						name: 'Revenue Ops',
						members: { users: [{ id: userId(1) }, { id: userId(2) }] },
					},
				}),
			]);
			const [created] = json(run) as Array<{ id: string }>;
			expect(created).toEqual({
				id: expect.any(String),
				name: 'Revenue Ops',
				members: { users: [{ id: userId(1) }, { id: userId(2) }] },
			});
			expect(state().groups.find((group) => group.id === created.id)?.memberIds).toEqual([
				userId(1),
				userId(2),
			]);
		});

		test('accepts a list of IDs from an expression, and no members', async () => {
			const run = await hex.run(
				{
					resource: 'group',
					operation: 'create',
					groupName: '={{ $json.name }}',
					groupAdditionalFields: { memberUserIds: '={{ $json.members }}' },
				},
				{ input: [{ name: 'From Expression', members: [userId(3)] }, { name: 'Empty' }] },
			);
			expect(run.error).toBeUndefined();
			expect(hex.sent().map((request) => request.body)).toEqual([
				{ name: 'From Expression', members: { users: [{ id: userId(3) }] } },
				{ name: 'Empty' },
			]);
			expect(json(run)).toEqual([
				expect.objectContaining({ name: 'From Expression' }),
				expect.objectContaining({ name: 'Empty', members: { users: [] } }),
			]);
		});

		test('refuses more than 100 members, sending nothing', async () => {
			const ids = state()
				.users.slice(0, 101)
				.map((user) => user.id);
			await hex.refuses(
				{
					resource: 'group',
					operation: 'create',
					groupName: 'Too Big',
					groupAdditionalFields: { memberUserIds: ids.join(',') },
				},
				'The "Member User IDs" parameter has 101 users; Hex takes at most 100',
			);
		});

		test('refuses an invalid member ID and an empty name, sending nothing', async () => {
			const badId = await hex.run({
				resource: 'group',
				operation: 'create',
				groupName: 'Typo',
				groupAdditionalFields: { memberUserIds: `${userId(1)}, nathan@example.com` },
			});
			expect(badId.error?.message).toBe(
				'The "Member User IDs" parameter has an invalid Hex user ID: "nathan@example.com"',
			);
			await hex.refuses(
				{
					resource: 'group',
					operation: 'create',
					groupName: '={{ " " }}',
				},
				'The "Name" parameter is empty',
			);
		});
	});

	describe('Update', () => {
		test('renames, adds and removes members in one request', async () => {
			const group = freshGroup('Old Name', [userId(4), userId(5)]);
			const run = await hex.run({
				resource: 'group',
				operation: 'update',
				groupId: locator(group.id),
				groupUpdateFields: {
					name: 'New Name',
					addUserIds: `${userId(6)}, ${userId(7)}`,
					removeUserIds: userId(4),
				},
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()).toEqual([
				expectedRequest(hex, {
					method: 'PATCH',
					path: `${groupsPath}/${group.id}`,
					body: {
						name: 'New Name',
						members: {
							add: { users: [{ id: userId(6) }, { id: userId(7) }] },
							remove: { users: [{ id: userId(4) }] },
						},
					},
				}),
			]);
			expect(json(run)).toEqual([
				{ id: group.id, name: 'New Name', createdAt: expect.any(String) },
			]);
			expect(group.memberIds).toEqual([userId(5), userId(6), userId(7)]);
		});

		test('only removing members sends only members.remove', async () => {
			const group = freshGroup('Shrinking', [userId(8), userId(9)]);
			const run = await hex.run({
				resource: 'group',
				operation: 'update',
				groupId: locator(group.id),
				groupUpdateFields: { removeUserIds: [userId(8), userId(9)] },
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()[0].body).toEqual({
				members: { remove: { users: [{ id: userId(8) }, { id: userId(9) }] } },
			});
			expect(group.memberIds).toEqual([]);
		});

		test('refuses an update with nothing to change, sending nothing', async () => {
			await hex.refuses(
				{
					resource: 'group',
					operation: 'update',
					groupId: locator(state().groups[0].id),
					groupUpdateFields: {},
				},
				'Nothing to update',
			);
		});

		test('refuses a user both added and removed, sending nothing', async () => {
			await hex.refuses(
				{
					resource: 'group',
					operation: 'update',
					groupId: locator(state().groups[0].id),
					groupUpdateFields: { addUserIds: userId(1), removeUserIds: `${userId(2)}, ${userId(1)}` },
				},
				`User "${userId(1)}" is both in "Add Member User IDs" and in "Remove Member User IDs"`,
			);
		});
	});

	describe('Delete', () => {
		test('deletes and outputs what was deleted (Hex answers 204)', async () => {
			const group = freshGroup('Temporary');
			const run = await hex.run({
				resource: 'group',
				operation: 'delete',
				groupId: locator(group.id),
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()).toEqual([
				expectedRequest(hex, { method: 'DELETE', path: `${groupsPath}/${group.id}` }),
			]);
			expect(json(run)).toEqual([{ deleted: true, groupId: group.id }]);
			expect(state().groups.some((candidate) => candidate.id === group.id)).toBe(false);
		});

		test('refuses an empty group, sending nothing', async () => {
			await hex.refuses(
				{
					resource: 'group',
					operation: 'delete',
					groupId: locator('={{ $json.groupId }}'),
				},
				'The "Group" parameter is empty',
			);
		});

		test('a gateway error on a delete is not sent again', async () => {
			const group = freshGroup('Flaky');
			hex.fake.injectFault({ operationId: 'DeleteGroup', status: 502 });
			const run = await hex.run({
				resource: 'group',
				operation: 'delete',
				groupId: locator(group.id),
			});
			expect(run.error?.description).toMatch(/it was not sent again/);
			expect(hex.sent()).toHaveLength(1);
		});
	});

	describe('picker', () => {
		test('lists groups by name, and a search matches names case-insensitively', async () => {
			const context = () => hexLoadOptionsContext(hex.credentials);
			const page = await searchGroups.call(context());
			const byName = [...state().groups].sort((a, b) =>
				a.name.toLowerCase().localeCompare(b.name.toLowerCase()),
			);
			expect(page.results[0]).toEqual({ name: byName[0].name, value: byName[0].id });
			expect(page.results).toHaveLength(state().groups.length);
			expect(page.paginationToken).toBeUndefined();
			expect(hex.fake.requests[0].query).toEqual({
				limit: '500',
				sortBy: 'NAME',
				sortDirection: 'ASC',
			});
			const target = state().groups[2];
			const found = await searchGroups.call(context(), target.name.toUpperCase());
			expect(found.results).toContainEqual({ name: target.name, value: target.id });
			expect(
				found.results.every((item) => item.name.toLowerCase() === target.name.toLowerCase()),
			).toBe(true);
		});
	});
});
