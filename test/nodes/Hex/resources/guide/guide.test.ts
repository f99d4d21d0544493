import { searchGuideDrafts } from '../../../../../nodes/Hex/listSearch/searchGuideDrafts';
import { draftGuides, guidesOf } from '../../../../fake-hex/routes/guides';
import { hexLoadOptionsContext } from '../../../../harness/engine';
import type { HexTestbed } from '../../../../support/hex';
import { expectedRequest, json, locator, startTestbed } from '../../../../support/hex';

const LIST = '/api/v1/guides/draft/list';
const DRAFT = '/api/v1/guides/draft';
const GITHUB_SOURCE = {
	source: 'github',
	owner: 'acme',
	repo: 'analytics-guides',
	branch: 'main',
	commitHash: '3f1c2b9e8d7a6c5b4a39281706f5e4d3c2b1a098',
};

describe('Guide resource (engine)', () => {
	let hex: HexTestbed;

	beforeAll(async () => {
		hex = await startTestbed({ users: 30, projects: 5, dataConnections: 2 });
	});
	afterAll(async () => await hex.fake.close());
	beforeEach(() => hex.fake.reset());
	afterEach(() => expect(hex.fake.internalErrors).toEqual([]));

	const drafts = () => draftGuides(hex.fake.state);
	const guideAt = (filePath: string) =>
		guidesOf(hex.fake.state).guides.find((guide) => guide.filePath === filePath);
	const upsertFiles = (count: number, prefix: string) =>
		Array.from({ length: count }, (_, i) => ({
			filePath: `${prefix}/guide-${String(i + 1).padStart(2, '0')}.md`,
			contents: `# Guide ${i + 1}`,
		}));

	describe('Get Many Drafts', () => {
		test('Return All reads pages of 100 to the end', async () => {
			const expected = drafts().map(({ id, filePath }) => ({ id, filePath }));
			expect(expected.length).toBeGreaterThan(100);
			const run = await hex.run({ resource: 'guide', operation: 'getManyDrafts', returnAll: true });
			expect(run.error).toBeUndefined();
			expect(json(run)).toEqual(expected);
			expect(hex.sent()).toEqual([
				expectedRequest(hex, { method: 'GET', path: LIST, query: { limit: '100' } }),
				expectedRequest(hex, {
					method: 'GET',
					path: LIST,
					query: { limit: '100', after: expect.any(String) },
				}),
			]);
		});

		test('Limit with a GitHub source sends the JSON-encoded locator', async () => {
			const run = await hex.run({
				resource: 'guide',
				operation: 'getManyDrafts',
				limit: 3,
				filters: { sourceType: 'github', owner: 'acme', repo: 'analytics-guides' },
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()).toEqual([
				expectedRequest(hex, {
					method: 'GET',
					path: LIST,
					query: {
						limit: '3',
						externalSource: JSON.stringify({
							source: 'github',
							owner: 'acme',
							repo: 'analytics-guides',
						}),
					},
				}),
			]);
			const fromGithub = drafts().filter((guide) => guide.externalSource?.source === 'github');
			expect(json(run)).toEqual(
				fromGithub.slice(0, 3).map(({ id, filePath }) => ({ id, filePath })),
			);
		});

		test('a GitHub base URL and the JSON form are sent as given', async () => {
			await hex.run({
				resource: 'guide',
				operation: 'getManyDrafts',
				limit: 1,
				filters: {
					sourceType: 'github',
					owner: 'acme',
					repo: 'analytics-guides',
					base: 'https://github.com',
				},
			});
			const run = await hex.run({
				resource: 'guide',
				operation: 'getManyDrafts',
				returnAll: true,
				filters: {
					sourceType: 'json',
					externalSourceJson: '{"source": "unknown", "id": "confluence"}',
				},
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent().map((request) => request.query.externalSource)).toEqual([
				'{"source":"github","base":"https://github.com","owner":"acme","repo":"analytics-guides"}',
				'{"source":"unknown","id":"confluence"}',
			]);
			const fromConfluence = drafts().filter((guide) => guide.externalSource?.source === 'unknown');
			expect(json(run)).toHaveLength(fromConfluence.length);
		});

		test('an unknown source without an ID matches every unknown source', async () => {
			const run = await hex.run({
				resource: 'guide',
				operation: 'getManyDrafts',
				returnAll: true,
				filters: { sourceType: 'unknown' },
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()[0].query.externalSource).toBe('{"source":"unknown"}');
			expect(json(run).length).toBeGreaterThan(0);
		});

		test.each([
			[{ sourceType: 'github', owner: 'acme' }, /"GitHub Repository" is empty/],
			[{ sourceType: 'json', externalSourceJson: '{"source": "gitlab"}' }, /"source" must be/],
			[{ sourceType: 'json', externalSourceJson: '{nope' }, /is not valid JSON/],
		])('a bad source filter %j is refused before sending', async (filters, message) => {
			const run = await hex.run({ resource: 'guide', operation: 'getManyDrafts', filters });
			expect(run.error?.message).toMatch(/^Filter "External Source"/);
			expect(run.error?.message).toMatch(message);
			expect(hex.sent()).toEqual([]);
		});

		test('the guide draft picker (searchGuideDrafts) lists drafts by path and filters them', async () => {
			const context = () => hexLoadOptionsContext(hex.credentials);
			const wanted = drafts().find((guide) => guide.filePath.includes('churn'));
			const page = await searchGuideDrafts.call(context(), 'CHURN');
			expect(page.results.length).toBeGreaterThan(0);
			expect(page.results).toContainEqual({ name: wanted?.filePath, value: wanted?.id });
			expect(page.results.every((item) => item.name.includes('churn'))).toBe(true);
			expect(hex.fake.requests[0].query).toEqual({ limit: '100' });
		});
	});

	describe('Create or Update Draft', () => {
		test('fields: one file per row, a GitHub source (path defaults to the file path) and Force Write', async () => {
			const run = await hex.run({
				resource: 'guide',
				operation: 'upsertDraft',
				filesFrom: 'fields',
				files: {
					file: [
						{
							filePath: 'sales/definitions.md',
							contents: '# Sales',
							externalSource: 'github',
							owner: 'acme',
							repo: 'analytics-guides',
							branch: 'main',
							commitHash: GITHUB_SOURCE.commitHash,
						},
						{
							filePath: 'support/faq.md',
							contents: '# FAQ',
							externalSource: 'unknown',
							sourceId: 'confluence',
						},
						{ filePath: 'hex.md', contents: '# Workspace', externalSource: 'none' },
					],
				},
				options: { forceWrite: false },
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()).toEqual([
				expectedRequest(hex, {
					method: 'PUT',
					path: DRAFT,
					body: {
						files: [
							{
								filePath: 'sales/definitions.md',
								contents: '# Sales',
								externalSource: { ...GITHUB_SOURCE, path: 'sales/definitions.md' },
							},
							{
								filePath: 'support/faq.md',
								contents: '# FAQ',
								externalSource: { source: 'unknown', id: 'confluence' },
							},
							{ filePath: 'hex.md', contents: '# Workspace' },
						],
						forceWrite: false,
					},
				}),
			]);
			expect(json(run)).toEqual([
				{
					files: ['sales/definitions.md', 'support/faq.md', 'hex.md'].map((filePath) => ({
						id: guideAt(filePath)?.id,
						filePath,
					})),
					warnings: [],
					traceId: expect.any(String),
				},
			]);
			expect(guideAt('sales/definitions.md')?.draft).toBe('# Sales');
		});

		test('a guide from another source is only overwritten with Force Write', async () => {
			const hexAuthored = guidesOf(hex.fake.state).guides.find(
				(guide) => guide.externalSource === undefined,
			);
			const file = {
				filePath: hexAuthored?.filePath,
				contents: '# From GitHub',
				externalSource: { ...GITHUB_SOURCE, path: 'x.md' },
			};
			const kept = await hex.run({
				resource: 'guide',
				operation: 'upsertDraft',
				filesFrom: 'json',
				filesJson: JSON.stringify([file]),
			});
			expect(kept.error).toBeUndefined();
			expect(json(kept)).toEqual([
				{
					files: [],
					warnings: [{ filePath: file.filePath, message: expect.stringContaining('forceWrite') }],
					traceId: expect.any(String),
				},
			]);
			expect(hexAuthored?.draft).not.toBe('# From GitHub');

			const forced = await hex.run({
				resource: 'guide',
				operation: 'upsertDraft',
				filesFrom: 'json',
				filesJson: JSON.stringify(file),
				options: { forceWrite: true },
			});
			expect(forced.error).toBeUndefined();
			expect(hex.sent()[1].body).toEqual({ files: [file], forceWrite: true });
			expect(hexAuthored?.draft).toBe('# From GitHub');
		});

		test('JSON with 45 files goes in batches of 20; the item shows all files and every trace ID', async () => {
			const files = upsertFiles(45, 'batch');
			const run = await hex.run({
				resource: 'guide',
				operation: 'upsertDraft',
				filesFrom: 'json',
				filesJson: JSON.stringify(files),
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()).toEqual(
				[files.slice(0, 20), files.slice(20, 40), files.slice(40)].map((batch) =>
					expectedRequest(hex, { method: 'PUT', path: DRAFT, body: { files: batch } }),
				),
			);
			const [item] = json(run) as Array<{ files: unknown[]; traceIds: string[]; traceId: string }>;
			expect(item.files).toEqual(
				files.map(({ filePath }) => ({ id: guideAt(filePath)?.id, filePath })),
			);
			expect(item.traceIds).toHaveLength(3);
			expect(new Set(item.traceIds).size).toBe(3);
			expect(item.traceId).toBe(item.traceIds[2]);
		});

		test('a later batch that is rate limited waits and is retried', async () => {
			hex.fake.setRateLimit({ limit: 2, windowMs: 1500 });
			try {
				const files = upsertFiles(41, 'limited');
				const run = await hex.run({
					resource: 'guide',
					operation: 'upsertDraft',
					filesFrom: 'json',
					filesJson: JSON.stringify(files),
				});
				expect(run.error).toBeUndefined();
				expect(
					hex.sent().map((request) => (request.body as { files: unknown[] }).files.length),
				).toEqual([20, 20, 1, 1]);
				expect(hex.fake.requests.filter((request) => request.operationId)).toHaveLength(4);
				expect((json(run)[0] as { files: unknown[] }).files).toHaveLength(41);
			} finally {
				hex.fake.setRateLimit(undefined);
			}
		});

		test('a later batch that fails says which files were written and sends nothing more', async () => {
			hex.fake.setRateLimit({ limit: 1, windowMs: 60_000 });
			try {
				const files = upsertFiles(30, 'failing');
				const run = await hex.run({
					resource: 'guide',
					operation: 'upsertDraft',
					filesFrom: 'json',
					filesJson: JSON.stringify(files),
					requestOptions: { retryOnRateLimit: false },
				});
				expect(run.error?.message).toMatch(/^Batch 2 of 2: Hex API error 429/);
				expect(run.error?.description).toContain('20 file(s) were already written');
				expect(run.error?.description).toContain('failing/guide-01.md');
				expect(hex.sent()).toHaveLength(2);
				expect(guideAt('failing/guide-20.md')).toBeDefined();
				expect(guideAt('failing/guide-21.md')).toBeUndefined();
			} finally {
				hex.fake.setRateLimit(undefined);
			}
		});

		test.each([
			[
				'contents over 100 000 characters',
				{ filesJson: JSON.stringify([{ filePath: 'big.md', contents: 'x'.repeat(100_001) }]) },
				/^File 1 \("big.md"\): "Contents" has 100001 characters/,
			],
			[
				'a path given twice',
				{
					filesJson: JSON.stringify(
						upsertFiles(2, 'twice').map((f) => ({ ...f, filePath: 'a.md' })),
					),
				},
				/^File 2: the file path "a.md" is given twice/,
			],
			['no file path', { filesJson: '[{"contents": "# x"}]' }, /^File 1 has no "File Path"/],
			[
				'a GitHub source without a commit',
				{
					filesJson: JSON.stringify([
						{
							filePath: 'a.md',
							contents: '',
							externalSource: {
								source: 'github',
								owner: 'acme',
								repo: 'r',
								branch: 'main',
								path: 'a.md',
							},
						},
					]),
				},
				/a GitHub source needs "commitHash"/,
			],
			['invalid JSON', { filesJson: '[{' }, /^The "Files \(JSON\)" parameter is not valid JSON/],
			['an empty list', { filesJson: '[]' }, /^No guide files to write/],
		])('%s is refused before anything is sent', async (_label, parameters, message) => {
			const run = await hex.run({
				resource: 'guide',
				operation: 'upsertDraft',
				filesFrom: 'json',
				...parameters,
			});
			expect(run.error?.message).toMatch(message);
			expect(run.error?.description).toMatch(/Nothing was sent to Hex\.$/);
			expect(hex.sent()).toEqual([]);
		});

		test('a bad file in batch 3 stops the item before batch 1 is sent', async () => {
			const files = [...upsertFiles(44, 'late'), { filePath: 'late/bad.md', contents: 7 }];
			const run = await hex.run({
				resource: 'guide',
				operation: 'upsertDraft',
				filesFrom: 'json',
				filesJson: JSON.stringify(files),
			});
			expect(run.error?.message).toMatch(/^File 45 \("late\/bad.md"\): "Contents" must be text/);
			expect(hex.sent()).toEqual([]);
		});

		test('fields: a GitHub row without its owner names the row and the field', async () => {
			await hex.refuses(
				{
					resource: 'guide',
					operation: 'upsertDraft',
					files: {
						file: [
							{ filePath: 'ok.md', contents: '' },
							{ filePath: 'b.md', contents: '', externalSource: 'github', repo: 'r' },
						],
					},
				},
				'File 2: "GitHub Owner" is empty',
			);
		});
	});

	describe('Publish Drafts', () => {
		test('selected drafts by ID (comma-separated, duplicates once)', async () => {
			const [first, second] = drafts();
			const run = await hex.run({
				resource: 'guide',
				operation: 'publishDrafts',
				publish: 'selected',
				orgGuideFileIds: `${first.id}, ${second.id},${first.id}`,
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()).toEqual([
				expectedRequest(hex, {
					method: 'POST',
					path: '/api/v1/guides/publish',
					body: { orgGuideFileIds: [first.id, second.id] },
				}),
			]);
			expect(json(run)).toEqual([
				{
					message: 'Published 2 guide(s)',
					publishedGuides: [first, second].map(({ id, filePath }) => ({ id, filePath })),
					traceId: expect.any(String),
				},
			]);
			expect(first.draft).toBeNull();
			expect(first.published).not.toBeNull();
		});

		test('All Drafts sends publishAllDraftGuides only', async () => {
			const before = drafts().length;
			const run = await hex.run({ resource: 'guide', operation: 'publishDrafts', publish: 'all' });
			expect(run.error).toBeUndefined();
			expect(hex.sent()[0].body).toEqual({ publishAllDraftGuides: true });
			expect((json(run)[0] as { publishedGuides: unknown[] }).publishedGuides).toHaveLength(before);
			expect(drafts()).toEqual([]);
		});

		test.each([
			['={{ [] }}', /^The "Guide Draft IDs" parameter is empty/],
			['5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c, sales.md', /has an invalid ID: "sales.md"/],
		])('IDs %j are refused before sending', async (ids, message) => {
			const run = await hex.run({
				resource: 'guide',
				operation: 'publishDrafts',
				orgGuideFileIds: ids,
			});
			expect(run.error?.message).toMatch(message);
			expect(hex.sent()).toEqual([]);
		});
	});

	describe('Delete Draft', () => {
		test('deletes the draft and says so (Hex answers 204)', async () => {
			const created = await hex.run({
				resource: 'guide',
				operation: 'upsertDraft',
				files: { file: [{ filePath: 'to-delete.md', contents: '# Bye' }] },
			});
			const id = guideAt('to-delete.md')?.id as string;
			expect(created.error).toBeUndefined();
			hex.fake.reset();
			const run = await hex.run({
				resource: 'guide',
				operation: 'deleteDraft',
				orgGuideFileId: locator(id),
			});
			expect(run.error).toBeUndefined();
			expect(hex.sent()).toEqual([
				expectedRequest(hex, { method: 'DELETE', path: `${DRAFT}/${id}` }),
			]);
			expect(json(run)).toEqual([{ deleted: true, orgGuideFileId: id }]);
			expect(guideAt('to-delete.md')).toBeUndefined();
		});

		test('a guide file ID that is not a UUID is refused before sending', async () => {
			await hex.refuses(
				{
					resource: 'guide',
					operation: 'deleteDraft',
					orgGuideFileId: locator('={{ "guides/sales.md" }}'),
				},
				'The "Guide Draft" parameter is not a Hex ID (a UUID): "guides/sales.md"',
			);
		});

		test('an unknown guide file is Hex’s error', async () => {
			const run = await hex.run({
				resource: 'guide',
				operation: 'deleteDraft',
				orgGuideFileId: locator('5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c'),
			});
			expect(run.error?.message).toMatch(/^Hex API error 404: Guide file .* not found/);
		});
	});
});
