import type { ICredentialType, INodeParameters, INodeType } from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { HexApi } from '../../../credentials/HexApi.credentials';
import packageJson from '../../../package.json';
import { Hex } from '../../../nodes/Hex/Hex.node';
import { HexNodeTypes } from '../../harness/engine';
import {
	nodeOperations,
	propertiesShownFor,
	specOperationFor,
	specOperations,
} from '../../support/operations';

const description = new Hex().description;
const operations = nodeOperations(description);
// Hex API Request (customApiCall) sends whatever route the user enters; every other operation is a spec route.
const CUSTOM_CALL = 'customApiCall';
const specRouted = operations.filter((operation) => operation.resource !== CUSTOM_CALL);

describe('Hex node description', () => {
	test('is a declarative node usable as an AI tool, with themed icons and the Hex API credential', () => {
		expect(description.name).toBe('hex');
		expect(description.usableAsTool).toBe(true);
		expect(description.requestDefaults?.baseURL).toBeDefined();
		expect(description.icon).toEqual({
			light: 'file:../../icons/hex.svg',
			dark: 'file:../../icons/hex.dark.svg',
		});
		expect(description.credentials).toEqual([{ name: 'hexApi', required: true }]);
	});

	/** The canvas subtitle as n8n's expression engine evaluates it for a node. */
	function subtitleOf(parameters: INodeParameters): unknown {
		const node = {
			id: 'n',
			name: 'Hex',
			type: 'n8n-nodes-hex.hex',
			typeVersion: 1,
			position: [0, 0] as [number, number],
			parameters,
		};
		const workflow = new Workflow({
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes: new HexNodeTypes(),
		});
		return workflow.expression.getSimpleParameterValue(
			node,
			description.subtitle ?? '',
			'internal',
			{},
		);
	}

	test('the canvas subtitle is the action of the chosen operation', () => {
		expect(subtitleOf({ resource: 'run', operation: 'start' })).toBe('Start a run');
		expect(subtitleOf({ resource: 'dataConnection', operation: 'getAll' })).toBe(
			'Get many data connections',
		);
		for (const { resource, operation } of operations) {
			expect(subtitleOf({ resource, operation })).toEqual(expect.stringMatching(/^[A-Z]\S* /));
		}
	});

	test('no two fields shown together share a name (e.g. the input parameter mode and list)', () => {
		const variants: INodeParameters[] = [
			{},
			{ inputParametersMode: 'fields' },
			{ inputParametersMode: 'json' },
		];
		for (const { resource, operation } of operations) {
			for (const variant of variants) {
				const values = NodeHelpers.getNodeParameters(
					description.properties,
					{ resource, operation, ...variant },
					true,
					false,
					null,
					description,
				) as INodeParameters;
				const shown = description.properties
					.filter((property) => property.type !== 'notice')
					.filter((property) =>
						NodeHelpers.displayParameter(values, property, null, description, values),
					)
					.map((property) => property.displayName);
				const twice = shown.filter((name, index) => shown.indexOf(name) !== index);
				expect({ resource, operation, variant, twice }).toEqual({
					resource,
					operation,
					variant,
					twice: [],
				});
			}
		}
	});

	test('Run → Start notifications: when first, then recipients, message, screenshot', () => {
		const notifications = description.properties.find(
			(property) => property.name === 'notifications',
		);
		const [group] = (notifications?.options ?? []) as Array<{
			values: Array<{ displayName: string }>;
		}>;
		expect(group.values.map((value) => value.displayName)).toEqual([
			'Notify When',
			'Recipient Group IDs',
			'Recipient Slack Channel IDs',
			'Recipient User IDs',
			'Subject',
			'Text',
			'With Success Screenshot',
			'With Success Screenshot Format',
		]);
	});

	test('offers a resource for each area of Hex’s API, in alphabetical order', () => {
		const resource = description.properties.find((property) => property.name === 'resource');
		expect(resource?.options?.map((option) => ('value' in option ? option.value : ''))).toEqual([
			'cell',
			'collection',
			'dataConnection',
			'embedding',
			'group',
			'guide',
			'customApiCall',
			'project',
			'run',
			'semanticProject',
			'thread',
			'topic',
			'user',
		]);
	});

	test('the raw request resource is not named like the Custom API Call n8n adds itself', () => {
		const resource = description.properties.find((property) => property.name === 'resource');
		const names = resource?.options?.map((option) => option.name);
		expect(names).toContain('Hex API Request');
		expect(names).not.toContain('Custom API Call');
	});

	test('only the Hex API Request has a route outside the spec, and it is one operation', () => {
		const outside = operations.filter((operation) => specOperationFor(operation) === undefined);
		expect(outside.map((operation) => `${operation.resource}.${operation.operation}`)).toEqual([
			`${CUSTOM_CALL}.request`,
		]);
	});

	test.each(
		specRouted.map((operation) => [`${operation.resource}.${operation.operation}`, operation]),
	)('%s has an action and a route that exists in Hex’s spec', (_label, operation) => {
		expect(operation.action).toMatch(/^[A-Z][a-z]/);
		const inSpec = specOperationFor(operation);
		expect(inSpec).toBeDefined();
	});

	test.each(
		operations.map((operation) => [`${operation.resource}.${operation.operation}`, operation]),
	)('%s has a parameter for each {placeholder} of its route', (_label, operation) => {
		const shown = propertiesShownFor(description, operation.resource, operation.operation);
		for (const [, name] of operation.url.matchAll(/\{(\w+)\}/g)) {
			const parameter = shown.find((property) => property.name === name);
			expect(parameter).toBeDefined();
			expect(parameter?.required).toBe(true);
		}
	});

	test.each(
		operations
			// Sharing writes have a paginator too (batches of 25), but they are not lists; nor is
			// Run → Get Chart Images (the run, its charts, each image), which outputs every chart.
			.filter((operation) => operation.paginated && operation.method === 'GET')
			.filter(({ resource, operation }) => `${resource}.${operation}` !== 'run.getChartImages')
			.map((operation) => [`${operation.resource}.${operation.operation}`, operation]),
	)('%s (a list) has Return All and Limit', (_label, operation) => {
		const shown = propertiesShownFor(description, operation.resource, operation.operation);
		const returnAll = shown.find((property) => property.name === 'returnAll');
		const limit = shown.find((property) => property.name === 'limit');
		expect(returnAll).toMatchObject({ type: 'boolean', default: false });
		expect(limit).toMatchObject({ type: 'number', default: 50, typeOptions: { minValue: 1 } });
		expect(limit?.displayOptions?.show?.returnAll).toEqual([false]);
	});

	test('every Get Many paginates', () => {
		const getMany = operations.filter((operation) => operation.name === 'Get Many');
		expect(getMany.length).toBeGreaterThanOrEqual(4);
		expect(getMany.every((operation) => operation.paginated)).toBe(true);
	});

	test('offers no deprecated updateCache field and no legacy /v1/project/ path', () => {
		const text = JSON.stringify(description, (_key, value: unknown) =>
			typeof value === 'function' ? String(value) : value,
		);
		expect(text).not.toContain('updateCache');
		expect(text).not.toMatch(/\/v1\/project\//);
	});

	const covered = new Set(
		specRouted.map((operation) => specOperationFor(operation)?.operationId).filter(Boolean),
	);
	// The name is the report: Jest prints it in the test output.
	test(`covered ${covered.size}/${specOperations().length} operations of Hex's spec`, () => {
		expect(specOperations()).toHaveLength(52);
		expect(covered.size).toBe(52);
	});
});

describe('built package (dist/)', () => {
	test('dist/nodes/Hex/Hex.node.js loads and declares the same routes, all in the spec', () => {
		const built = jest.requireActual<{ Hex: new () => INodeType }>(
			'../../../dist/nodes/Hex/Hex.node.js',
		);
		// Routes only: the built paginators are other function objects than the sources'.
		const routes = (list: typeof operations) =>
			list.map(({ resource, operation, action, method, url }) => ({
				resource,
				operation,
				action,
				method,
				url,
			}));
		const builtOperations = nodeOperations(new built.Hex().description);
		expect(routes(builtOperations)).toEqual(routes(operations));
		const outside = builtOperations.filter((operation) => !specOperationFor(operation));
		expect(outside.map((operation) => operation.resource)).toEqual([CUSTOM_CALL]);
	});

	test.each([...packageJson.n8n.nodes, ...packageJson.n8n.credentials])(
		'%s (listed in package.json) exists and exports its class',
		(path) => {
			const className = path.split('/').pop()?.split('.')[0] ?? '';
			const built = jest.requireActual<Record<string, unknown>>(`../../../${path}`);
			expect(typeof built[className]).toBe('function');
		},
	);

	test('dist/credentials/HexApi.credentials.js loads as the Hex API credential', () => {
		const built = jest.requireActual<{ HexApi: new () => ICredentialType }>(
			'../../../dist/credentials/HexApi.credentials.js',
		);
		const credential = new built.HexApi();
		expect(credential.name).toBe(new HexApi().name);
		expect(credential.test?.request.url).toBe('/v1/users/me');
		expect(typeof credential.authenticate).toBe('function');
	});
});
