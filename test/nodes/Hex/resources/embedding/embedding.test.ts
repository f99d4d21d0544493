import type { HexTestbed } from '../../../../support/hex';
import { expectedRequest, json, locator, startTestbed } from '../../../../support/hex';

describe('Embedding resource (engine)', () => {
	let hex: HexTestbed;
	let published: string;
	let unpublished: string;

	beforeAll(async () => {
		hex = await startTestbed({ users: 5, projects: 5 });
		const versions = hex.fake.state.projectVersions;
		const projects = hex.fake.state.projects.map((project) => project.id);
		published = projects.find((id) => (versions.get(id) ?? 0) > 0) ?? '';
		// A project never published has version 0 in the fake.
		unpublished = projects[projects.length - 1];
		versions.set(unpublished, 0);
	});
	afterAll(async () => await hex.fake.close());
	beforeEach(() => hex.fake.reset());
	afterEach(() => expect(hex.fake.internalErrors).toEqual([]));

	const path = (projectId: string) => `/api/v1/embedding/createPresignedUrl/${projectId}`;

	test('the fake has a published project besides the unpublished one', () => {
		expect(published).not.toBe('');
		expect(published).not.toBe(unpublished);
	});

	test('with nothing set, sends the empty body Hex requires and outputs the URL', async () => {
		const run = await hex.run({
			resource: 'embedding',
			operation: 'createPresignedUrl',
			embeddingProjectId: locator(published),
		});
		expect(run.error).toBeUndefined();
		expect(hex.sent()).toEqual([
			expectedRequest(hex, { method: 'POST', path: path(published), body: {} }),
		]);
		expect(json(run)).toEqual([
			{ url: expect.stringMatching(new RegExp(`^https://app\\.hex\\.tech/embed/${published}\\?`)) },
		]);
	});

	test('sends inputs, user attributes, scopes, expiry, test mode and display options', async () => {
		const run = await hex.run({
			resource: 'embedding',
			operation: 'createPresignedUrl',
			embeddingProjectId: locator(published),
			embeddingInputParametersMode: 'fields',
			embeddingInputParameters: {
				parameter: [
					{ name: 'region', value: 'EMEA' },
					{ name: 'threshold', value: 10 },
				],
			},
			embeddingAdditionalFields: {
				expiresIn: 60000,
				hexUserAttributes: { attribute: [{ name: 'customerId', value: 'acme-42' }] },
				scope: ['EXPORT_CSV', 'EXPORT_PDF'],
				testMode: true,
			},
			displayOptions: { theme: 'dark', noEmbedFooter: true, showEmbeddedRunButton: false },
		});
		expect(run.error).toBeUndefined();
		expect(hex.sent()).toEqual([
			expectedRequest(hex, {
				method: 'POST',
				path: path(published),
				body: {
					inputParameters: { region: 'EMEA', threshold: 10 },
					hexUserAttributes: { customerId: 'acme-42' },
					scope: ['EXPORT_CSV', 'EXPORT_PDF'],
					expiresIn: 60000,
					testMode: true,
					displayOptions: { theme: 'dark', noEmbedFooter: true, showEmbeddedRunButton: false },
				},
			}),
		]);
		const [output] = json(run) as Array<{ url: string }>;
		const query = new URL(output.url).searchParams;
		expect(query.get('testMode')).toBe('true');
		expect(query.get('theme')).toBe('dark');
	});

	test('input parameters as JSON are sent as given', async () => {
		const run = await hex.run({
			resource: 'embedding',
			operation: 'createPresignedUrl',
			embeddingProjectId: locator(published),
			embeddingInputParametersMode: 'json',
			embeddingInputParametersJson: '{"region": "APAC", "flags": [1, 2]}',
		});
		expect(run.error).toBeUndefined();
		expect(hex.sent()[0].body).toEqual({ inputParameters: { region: 'APAC', flags: [1, 2] } });
	});

	test('an expiry above Hex’s 5 minutes is refused before sending', async () => {
		const run = await hex.run({
			resource: 'embedding',
			operation: 'createPresignedUrl',
			embeddingProjectId: locator(published),
			embeddingAdditionalFields: { expiresIn: 300001 },
		});
		expect(run.error?.message).toBe(
			'The "Expires In (Ms)" parameter must be between 1 and 300000 milliseconds, got 300001',
		);
		expect(hex.fake.requests).toEqual([]);
	});

	test('a project without a published app is Hex’s refusal, readable', async () => {
		const run = await hex.run({
			resource: 'embedding',
			operation: 'createPresignedUrl',
			embeddingProjectId: locator(unpublished),
		});
		expect(run.error?.message).toBe(
			`Hex API error 422: Project ${unpublished} has no published app to embed`,
		);
		expect(hex.fake.requests).toHaveLength(1);
	});
});
