import type { HexTestbed } from '../../../../support/hex';
import { expectedRequest, json, locator, startTestbed } from '../../../../support/hex';

const UNKNOWN_ID = '00000000-0000-4000-8000-00000000abcd';

interface SharingOut {
	project: {
		id: string;
		sharing: {
			users: Array<{ user: { email: string }; access: string }>;
			groups: Array<{ group: { name: string }; access: string }>;
			collections: Array<{ collection: { name: string }; access: string }>;
			workspace: { access: string };
			publicWeb: { access: string };
		};
	};
	errors: Array<Record<string, unknown>>;
}

describe('Project sharing (engine)', () => {
	let hex: HexTestbed;

	beforeAll(async () => {
		hex = await startTestbed({ users: 200, projects: 12, dataConnections: 2 });
	});
	afterAll(async () => await hex.fake.close());
	beforeEach(() => hex.fake.reset());
	afterEach(() => expect(hex.fake.internalErrors).toEqual([]));

	const state = () => hex.fake.state;
	const project = (index: number) => state().projects[index];
	const sharingPath = (projectId: string, what: string) =>
		`/api/v1/projects/${projectId}/sharing/${what}`;
	const users = (from: number, count: number) => state().users.slice(from, from + count);
	const usersUpsert = (ids: string[], access: string) => ({
		sharing: { upsert: { users: ids.map((id) => ({ user: { id }, access })) } },
	});

	describe('Share with Users', () => {
		test('60 users go out as 3 requests of 25, 25 and 10; the output is the final project', async () => {
			const target = project(0);
			const sixty = users(1, 60);
			const ids = sixty.map((user) => user.id);
			const run = await hex.run({
				resource: 'project',
				operation: 'shareWithUsers',
				projectId: locator(target.id),
				userIds: ids.join(', '),
				access: 'CAN_VIEW',
			});
			expect(run.error).toBeUndefined();
			const path = sharingPath(target.id, 'users');
			expect(hex.sent()).toEqual([
				expectedRequest(hex, {
					method: 'PATCH',
					path,
					body: usersUpsert(ids.slice(0, 25), 'CAN_VIEW'),
				}),
				expectedRequest(hex, {
					method: 'PATCH',
					path,
					body: usersUpsert(ids.slice(25, 50), 'CAN_VIEW'),
				}),
				expectedRequest(hex, {
					method: 'PATCH',
					path,
					body: usersUpsert(ids.slice(50), 'CAN_VIEW'),
				}),
			]);
			expect(run.items).toHaveLength(1);
			const [out] = json(run) as SharingOut[];
			expect(out.errors).toEqual([]);
			expect(out.project.id).toBe(target.id);
			// The last answer's project carries the users of all three requests.
			for (const user of sixty) {
				expect(out.project.sharing.users).toContainEqual({
					user: { email: user.email },
					access: 'CAN_VIEW',
				});
			}
		});

		test('a list from an expression is de-duplicated; None removes access', async () => {
			const target = project(1);
			const [user] = users(70, 1);
			await hex.run({
				resource: 'project',
				operation: 'shareWithUsers',
				projectId: locator(target.id),
				userIds: user.id,
				access: 'FULL_ACCESS',
			});
			const run = await hex.run(
				{
					resource: 'project',
					operation: 'shareWithUsers',
					projectId: locator(target.id),
					userIds: '={{ $json.ids }}',
					access: 'NONE',
				},
				{ input: [{ ids: [user.id, ` ${user.id} `] }] },
			);
			expect(run.error).toBeUndefined();
			expect(hex.sent()[1].body).toEqual(usersUpsert([user.id], 'NONE'));
			const [out] = json(run) as SharingOut[];
			expect(out.project.sharing.users.map((entry) => entry.user.email)).not.toContain(user.email);
		});

		test('per-item errors fail the item, naming each refused ID and the reason', async () => {
			const target = project(2);
			const [first, second] = users(80, 2);
			const run = await hex.run({
				resource: 'project',
				operation: 'shareWithUsers',
				projectId: locator(target.id),
				userIds: `${first.id}, ${UNKNOWN_ID}, ${second.id}`,
				access: 'APP_ONLY',
			});
			expect(run.error?.message).toBe('Hex did not apply the access for 1 of 3 users');
			expect(run.error?.description).toContain(`- ${UNKNOWN_ID}: User not found or deactivated`);
			expect(run.error?.description).toContain('Hex applied the other 2 users.');
			expect(run.error?.description).toContain('Ignore Per-Item Errors');
			expect(hex.sent()).toHaveLength(1);
			// Hex did apply the others.
			expect(target.sharing?.users).toContainEqual({
				user: { email: first.email },
				access: 'APP_ONLY',
			});
		});

		test('with Ignore Per-Item Errors, the errors of every request are output with the project', async () => {
			const target = project(3);
			const ids = users(90, 30).map((user) => user.id);
			const unknownLater = '00000000-0000-4000-8000-00000000beef';
			ids.splice(1, 0, UNKNOWN_ID);
			ids.push(unknownLater);
			const run = await hex.run({
				resource: 'project',
				operation: 'shareWithUsers',
				projectId: locator(target.id),
				userIds: ids.join(','),
				access: 'CAN_EDIT',
				options: { ignorePerItemErrors: true },
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()).toHaveLength(2);
			const [out] = json(run) as SharingOut[];
			expect(out.errors).toEqual([
				{ userIds: [UNKNOWN_ID], reason: 'User not found or deactivated' },
				{ userIds: [unknownLater], reason: 'User not found or deactivated' },
			]);
			const shared = out.project.sharing.users.map((entry) => entry.user.email);
			expect(shared).toEqual(expect.arrayContaining(users(90, 30).map((user) => user.email)));
		});

		test('under Continue On Fail, per-item errors become an error item', async () => {
			const run = await hex.run(
				{
					resource: 'project',
					operation: 'shareWithUsers',
					projectId: locator(project(4).id),
					userIds: UNKNOWN_ID,
					access: 'APP_ONLY',
				},
				{ continueOnFail: true },
			);
			expect(run.error).toBeUndefined();
			expect(JSON.stringify(run.items[0])).toMatch(/Hex did not apply the access for 1 of 1 users/);
			expect(JSON.stringify(run.items[0])).toMatch(/Hex applied none of them/);
		});

		test('an error in a later request says which users were already shared', async () => {
			const target = project(5);
			const ids = users(130, 30).map((user) => user.id);
			// The first request only waits a moment; the second fails.
			hex.fake.injectFault({ operationId: 'EditProjectSharingUsers', delayMs: 1 });
			hex.fake.injectFault({ operationId: 'EditProjectSharingUsers', status: 500 });
			const run = await hex.run({
				resource: 'project',
				operation: 'shareWithUsers',
				projectId: locator(target.id),
				userIds: ids.join(','),
				access: 'CAN_VIEW',
			});
			expect(run.error?.message).toMatch(/^Hex API error 500/);
			expect(run.error?.description).toContain(
				'The first 25 of 30 users were already sent in 1 earlier request(s) and Hex applied them; the rest were not sent.',
			);
			expect(hex.sent()).toHaveLength(2);
		});

		test('a rate-limited later request is retried, and all users are shared', async () => {
			const target = project(6);
			const ids = users(160, 26).map((user) => user.id);
			hex.fake.injectFault({ operationId: 'EditProjectSharingUsers', delayMs: 1 });
			hex.fake.injectFault({
				operationId: 'EditProjectSharingUsers',
				status: 429,
				headers: { 'retry-after': '0' },
			});
			const run = await hex.run({
				resource: 'project',
				operation: 'shareWithUsers',
				projectId: locator(target.id),
				userIds: ids.join(','),
				access: 'CAN_VIEW',
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent().map((request) => request.body)).toEqual([
				usersUpsert(ids.slice(0, 25), 'CAN_VIEW'),
				usersUpsert(ids.slice(25), 'CAN_VIEW'),
				usersUpsert(ids.slice(25), 'CAN_VIEW'),
			]);
		});

		test('refuses an invalid or empty list, sending nothing', async () => {
			const invalid = await hex.run({
				resource: 'project',
				operation: 'shareWithUsers',
				projectId: locator(project(0).id),
				userIds: `${users(1, 1)[0].id}, ada@example.com`,
				access: 'CAN_VIEW',
			});
			expect(invalid.error?.message).toBe(
				'The "User IDs" parameter has an invalid Hex ID: "ada@example.com"',
			);
			await hex.refuses(
				{
					resource: 'project',
					operation: 'shareWithUsers',
					projectId: locator(project(0).id),
					userIds: '={{ [] }}',
					access: 'CAN_VIEW',
				},
				'The "User IDs" parameter is empty',
			);
		});
	});

	describe('Share with Groups', () => {
		test('sends the groups upsert and outputs the project with the group', async () => {
			const target = project(7);
			const group = state().groups[3];
			const run = await hex.run({
				resource: 'project',
				operation: 'shareWithGroups',
				projectId: locator(target.id),
				groupIds: group.id,
				access: 'CAN_EDIT',
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()).toEqual([
				expectedRequest(hex, {
					method: 'PATCH',
					path: sharingPath(target.id, 'groups'),
					body: {
						sharing: { upsert: { groups: [{ group: { id: group.id }, access: 'CAN_EDIT' }] } },
					},
				}),
			]);
			const [out] = json(run) as SharingOut[];
			expect(out.project.sharing.groups).toContainEqual({
				group: { name: group.name },
				access: 'CAN_EDIT',
			});
			expect(out.errors).toEqual([]);
		});

		test('an unknown group is a per-item error', async () => {
			const run = await hex.run({
				resource: 'project',
				operation: 'shareWithGroups',
				projectId: locator(project(7).id),
				groupIds: `${state().groups[0].id}, ${UNKNOWN_ID}`,
				access: 'APP_ONLY',
			});
			expect(run.error?.message).toBe('Hex did not apply the access for 1 of 2 groups');
			expect(run.error?.description).toContain(`- ${UNKNOWN_ID}: Group not found`);
		});

		test('refuses a group name instead of an ID, sending nothing', async () => {
			await hex.refuses(
				{
					resource: 'project',
					operation: 'shareWithGroups',
					projectId: locator(project(7).id),
					groupIds: 'Data Team',
					access: 'APP_ONLY',
				},
				'The "Group IDs" parameter has an invalid Hex ID: "Data Team"',
			);
		});
	});

	describe('Share with Collections', () => {
		test('adds the project to a collection, and None takes it out again', async () => {
			const target = project(8);
			const collection = state().collections.find(
				(candidate) => !(state().projectCollections.get(target.id) ?? []).includes(candidate.id),
			);
			if (!collection) throw new Error('every collection already holds the project');
			const add = await hex.run({
				resource: 'project',
				operation: 'shareWithCollections',
				projectId: locator(target.id),
				collectionIds: collection.id,
				access: 'APP_ONLY',
			});
			expect(add.error).toBeUndefined();
			expect(hex.sent()).toEqual([
				expectedRequest(hex, {
					method: 'PATCH',
					path: sharingPath(target.id, 'collections'),
					body: {
						sharing: {
							upsert: { collections: [{ collection: { id: collection.id }, access: 'APP_ONLY' }] },
						},
					},
				}),
			]);
			expect((json(add)[0] as SharingOut).project.sharing.collections).toContainEqual({
				collection: { name: collection.name },
				access: 'APP_ONLY',
			});
			expect(state().projectCollections.get(target.id)).toContain(collection.id);

			const remove = await hex.run({
				resource: 'project',
				operation: 'shareWithCollections',
				projectId: locator(target.id),
				collectionIds: collection.id,
				access: 'NONE',
			});
			expect(remove.error).toBeUndefined();
			expect(state().projectCollections.get(target.id)).not.toContain(collection.id);
		});

		test('an unknown collection is a per-item error (Hex’s T-style route)', async () => {
			const run = await hex.run({
				resource: 'project',
				operation: 'shareWithCollections',
				projectId: locator(project(8).id),
				collectionIds: UNKNOWN_ID,
				access: 'CAN_VIEW',
			});
			expect(run.error?.message).toBe('Hex did not apply the access for 1 of 1 collections');
			expect(run.error?.description).toContain(`- ${UNKNOWN_ID}: Collection not found`);
		});
	});

	describe('Update Workspace and Public Access', () => {
		test('sends only the levels to change', async () => {
			const target = project(9);
			const publicBefore = target.sharing?.publicWeb.access;
			const run = await hex.run({
				resource: 'project',
				operation: 'updateWorkspaceAndPublicAccess',
				projectId: locator(target.id),
				workspaceAccess: 'CAN_VIEW',
				publicWebAccess: 'keep',
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()).toEqual([
				expectedRequest(hex, {
					method: 'PATCH',
					path: sharingPath(target.id, 'workspaceAndPublic'),
					body: { sharing: { workspace: 'CAN_VIEW' } },
				}),
			]);
			const [out] = json(run) as SharingOut[];
			expect(out.project.sharing.workspace).toEqual({ access: 'CAN_VIEW' });
			expect(out.project.sharing.publicWeb).toEqual({ access: publicBefore });
			expect(out.errors).toEqual([]);
		});

		test('a refused level fails the item unless per-item errors are ignored', async () => {
			const target = project(10);
			const parameters = {
				resource: 'project',
				operation: 'updateWorkspaceAndPublicAccess',
				projectId: locator(target.id),
				workspaceAccess: 'APP_ONLY',
				publicWebAccess: 'FULL_ACCESS',
			};
			const failed = await hex.run(parameters);
			expect(failed.error?.message).toBe('Hex did not apply the public web access');
			expect(failed.error?.description).toContain(
				'- publicWeb: Public web access can only be NONE or APP_ONLY',
			);
			expect(failed.error?.description).toContain('Hex applied the other 1 access setting(s).');
			expect(hex.sent()[0].body).toEqual({
				sharing: { workspace: 'APP_ONLY', publicWeb: 'FULL_ACCESS' },
			});

			const ignored = await hex.run({ ...parameters, options: { ignorePerItemErrors: true } });
			expect(ignored.error).toBeUndefined();
			const [out] = json(ignored) as SharingOut[];
			expect(out.errors).toEqual([
				{ type: 'publicWeb', reason: 'Public web access can only be NONE or APP_ONLY' },
			]);
			expect(out.project.sharing.workspace).toEqual({ access: 'APP_ONLY' });
		});

		test('refuses to send when both levels are Keep Current', async () => {
			await hex.refuses(
				{
					resource: 'project',
					operation: 'updateWorkspaceAndPublicAccess',
					projectId: locator(project(9).id),
					workspaceAccess: 'keep',
					publicWebAccess: 'keep',
				},
				'Nothing to update',
			);
		});
	});
});
