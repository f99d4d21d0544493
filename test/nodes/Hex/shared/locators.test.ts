import type { RegexEngine } from 'n8n-workflow';
import { resetSafeRegexEngine, setSafeRegexEngine } from 'n8n-workflow';

import { Hex } from '../../../../nodes/Hex/Hex.node';
import { hexIdValue, idFromHexLink } from '../../../../nodes/Hex/shared/pathParameters';
import { HexTrigger } from '../../../../nodes/HexTrigger/HexTrigger.node';
import type { HexRun } from '../../../harness/engine';
import type { HexTestbed } from '../../../support/hex';
import { locator, startTestbed } from '../../../support/hex';

const ID = '5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c';

describe('IDs from pasted links, in plain code', () => {
	test.each([
		[`https://app.hex.tech/acme/hex/${ID}/draft/logic`, ID],
		[`https://app.hex.tech/acme/hex/${ID}`, ID],
		[`https://eu.hex.tech/acme/app/Weekly-Review-${ID}/latest`, ID],
		[`https://acme.hex.tech/acme/app/${ID.toUpperCase()}?tab=1`, ID.toUpperCase()],
		[`http://127.0.0.1:8080/acme/hex/${ID}#cell`, ID],
		[`  https://app.hex.tech/acme/hex/${ID}/draft  `, ID],
	])('project link %s gives its ID', (link, id) => {
		expect(idFromHexLink('projectId', link)).toBe(id);
	});

	test.each([
		'https://example.com/not/hex',
		`https://app.hex.tech/hex/${ID}`,
		`https://app.hex.tech/acme/threads/${ID}`,
		`https://app.hex.tech/acme/app/Review${ID}`,
		`https://app.hex.tech/acme/hex/${ID}x`,
		`ftp://app.hex.tech/acme/hex/${ID}`,
		ID,
		'',
	])('%s is not a project link', (link) => {
		expect(idFromHexLink('projectId', link)).toBeUndefined();
	});

	test.each([
		[`https://app.hex.tech/acme/settings/data-connections/${ID}?tab=sharing`, ID],
		[`https://app.hex.tech/acme/threads/${ID}`, ID],
		[`https://app.hex.tech/acme/x?thread=${ID}`, ID],
	])('any Hex link %s gives the ID in it', (link, id) => {
		expect(idFromHexLink('threadId', link)).toBe(id);
	});

	test.each(['https://app.hex.tech/acme/settings', `https://${ID}.example.com`, `${ID}`])(
		'%s carries no ID after the host',
		(link) => {
			expect(idFromHexLink('dataConnectionId', link)).toBeUndefined();
		},
	);

	test('a locator in By URL mode gives the ID or names the bad link; other modes their value', () => {
		const link = `https://app.hex.tech/acme/hex/${ID}/draft`;
		expect(hexIdValue('projectId', locator(link, 'url'))).toEqual({ id: ID });
		expect(hexIdValue('projectId', locator(' https://x.dev/y ', 'url'))).toEqual({
			id: undefined,
			badLink: 'https://x.dev/y',
		});
		expect(hexIdValue('projectId', locator(link, 'id'))).toEqual({ id: link });
		expect(hexIdValue('projectId', locator(ID, 'list'))).toEqual({ id: ID });
		expect(hexIdValue('projectId', ID)).toEqual({ id: ID });
	});
});

describe('no locator leaves a regex for n8n to run', () => {
	test.each([
		['Hex', new Hex().description],
		['Hex Trigger', new HexTrigger().description],
	])('the %s description has no regex validation or extractValue', (_name, description) => {
		const withRegex: string[] = [];
		JSON.stringify(description, (key, value: unknown) => {
			if (key === 'regex' || key === 'extractValue' || key === 'validation') withRegex.push(key);
			return value;
		});
		expect(withRegex).toEqual([]);
	});
});

/** What n8n's node:vm regex check throws when the host is too busy to finish within its limit. */
const timedOutRegex = () => {
	throw new Error('Regular expression execution timed out');
};
const busyHostRegexEngine: RegexEngine = {
	exec: timedOutRegex,
	test: timedOutRegex,
	replace: timedOutRegex,
	matchAll: timedOutRegex,
	split: timedOutRegex,
};

describe('locators on a host too busy for n8n regex checks', () => {
	let hex: HexTestbed;

	beforeAll(async () => {
		hex = await startTestbed({ projects: 3, dataConnections: 2 });
	});
	afterAll(async () => await hex.fake.close());
	beforeEach(() => {
		hex.fake.reset();
		setSafeRegexEngine(busyHostRegexEngine);
	});
	afterEach(() => resetSafeRegexEngine());

	test('items by ID, by link and by expression all succeed', async () => {
		const [first, second, third] = hex.fake.state.projects;
		const byId = await hex.run({
			resource: 'project',
			operation: 'get',
			projectId: locator(first.id),
		});
		const byLink = await hex.run(
			{
				resource: 'project',
				operation: 'get',
				projectId: locator('={{ $json.link }}', 'url'),
			},
			{
				input: [second, third].map((project) => ({
					link: `https://app.hex.tech/acme/hex/${project.id}/draft/logic`,
				})),
			},
		);
		const connection = hex.fake.state.dataConnections[1];
		const anyLink = await hex.run({
			resource: 'dataConnection',
			operation: 'get',
			dataConnectionId: locator(
				`https://app.hex.tech/acme/settings/data-connections/${connection.id}`,
				'url',
			),
		});
		for (const run of [byId, byLink, anyLink]) expect(run.error).toBeUndefined();
		const ids = (run: HexRun) => run.items.map((item) => item.json.id);
		expect(ids(byId)).toEqual([first.id]);
		expect(ids(byLink)).toEqual([second.id, third.id]);
		expect(ids(anyLink)).toEqual([connection.id]);
	});
});
