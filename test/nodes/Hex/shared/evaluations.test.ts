import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestOptions,
	INodeParameters,
	INodeProperties,
} from 'n8n-workflow';
import { isResourceLocatorValue } from 'n8n-workflow';

import { Hex } from '../../../../nodes/Hex/Hex.node';
import { runHexNode, StoppingCredentialsHelper } from '../../../harness/engine';
import { locator } from '../../../support/hex';
import { operationCases } from '../../../support/cases';

const ITEMS = 2;
const CREDENTIALS: ICredentialDataDecryptedObject = {
	subdomain: 'app',
	apiToken: 'hxtp_test',
	baseUrl: '',
};

/**
 * Fields still declared under one name by several resources or operations. They hold switches,
 * numbers or picks from a list, or are the Get Many controls, so they rarely hold an expression.
 */
const SHARED_NAMES = new Set([
	'returnAll',
	'limit',
	'filters',
	'sort',
	'options',
	'binaryPropertyName',
	'access',
	'pollInterval',
	'pollsPerMinute',
	'timeout',
	'cancelOnTimeout',
	'connectionType',
	'cellType',
]);

/** Hex IDs are what users fill with expressions most (`{{ $json.projectId }}`): top-level `…Id`. */
const isIdField = (name: string) => /Id$/.test(name);

/** The field's value as an expression over the item, `={{ $json.<field> }}`, as users write it. */
function asExpression(value: unknown, field: string): unknown {
	if (typeof value === 'string') return `={{ $json[${JSON.stringify(field)}] }}`;
	if (isResourceLocatorValue(value)) return { ...value, value: asExpression(value.value, field) };
	return value;
}

/**
 * Counts evaluations with what the test owns rather than with n8n's internals: every expression
 * reads its value from the item once (`$json.<field>`), so each read of an item's field is one
 * evaluation for that item; the base URL expression reads the credential's Subdomain once (Base
 * URL is empty), so each read of it outside the credential's own code is one evaluation.
 */
class CountingCredentialsHelper extends StoppingCredentialsHelper {
	reads = 0;
	private authenticating = false;
	private readonly counted: ICredentialDataDecryptedObject;

	constructor() {
		super(CREDENTIALS);
		this.counted = { ...CREDENTIALS };
		Object.defineProperty(this.counted, 'subdomain', {
			enumerable: true,
			get: () => {
				if (!this.authenticating) this.reads++;
				return CREDENTIALS.subdomain;
			},
		});
	}

	async getDecrypted(): Promise<ICredentialDataDecryptedObject> {
		return this.counted;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		this.authenticating = true;
		try {
			return await super.authenticate(credentials, typeName, requestOptions);
		} finally {
			this.authenticating = false;
		}
	}
}

/** Items whose fields count their reads; `values` are the fields' values, by name. */
function countingItems(values: IDataObject) {
	const reads = new Map<string, number>();
	const items = Array.from({ length: ITEMS }, () => {
		const json: IDataObject = {};
		for (const [field, value] of Object.entries(values)) {
			Object.defineProperty(json, field, {
				enumerable: true,
				get: () => {
					reads.set(field, (reads.get(field) ?? 0) + 1);
					return value;
				},
			});
		}
		return json;
	});
	return { items, reads };
}

/** Evaluations per item of each field's expression, and of the base URL. */
async function evaluationsPerItem(
	parameters: INodeParameters,
	values: IDataObject,
): Promise<Record<string, number>> {
	const { items, reads } = countingItems(values);
	const credentialsHelper = new CountingCredentialsHelper();
	await runHexNode({
		parameters,
		credentials: CREDENTIALS,
		credentialsHelper,
		input: items,
		continueOnFail: true,
	});
	return {
		'base URL': credentialsHelper.reads / ITEMS,
		...Object.fromEntries([...reads].map(([field, count]) => [field, count / ITEMS])),
	};
}

/** A locator's or a plain field's value. */
const plainValue = (value: unknown) => (isResourceLocatorValue(value) ? value.value : value);

const cases = Object.entries(operationCases).map(([key, operationCase]) => {
	const [resource, operation] = key.split('.');
	const idFields = Object.entries(operationCase.prism).filter(
		([name, value]) => isIdField(name) && typeof plainValue(value) === 'string',
	);
	const fields = Object.fromEntries(
		Object.entries(operationCase.prism).map(([name, value]) => [
			name,
			isIdField(name) ? asExpression(value, name) : value,
		]),
	);
	return {
		key,
		parameters: { resource, operation, ...fields } as INodeParameters,
		values: Object.fromEntries(
			idFields.map(([name, value]) => [name, plainValue(value)]),
		) as IDataObject,
	};
});

// n8n's routing node evaluates `parameters[property.name]` for every property of the description,
// shown or not, in two walks per item (runNode and resolveBaseUrl), before it checks whether the
// property is shown: each property sharing a field's name evaluates the field's expression again.
describe('expressions are evaluated no more often than n8n must (per item)', () => {
	test.each(cases)(
		'$key: each ID field at most 3 times (two walks, one read), the base URL twice',
		async ({ parameters, values }) => {
			const { 'base URL': baseUrl, ...fields } = await evaluationsPerItem(parameters, values);
			expect(baseUrl).toBe(2);
			// Every ID field is read (so counted) at least once, and no more than three times.
			expect(Object.keys(fields).sort()).toEqual(Object.keys(values).sort());
			const tooOften = Object.entries(fields).filter(([, count]) => count < 1 || count > 3);
			expect(tooOften).toEqual([]);
		},
	);

	test('only the fields that rarely hold an expression share a name with another property', () => {
		const names = new Hex().description.properties.map((property) => property.name);
		const shared = names.filter((name, index) => names.indexOf(name) !== index);
		expect(
			[...new Set(shared)].filter((name) => name !== 'operation' && !SHARED_NAMES.has(name)),
		).toEqual([]);
	});

	test('a field several operations show is declared once, for all of them', () => {
		// Identical but for their operations: one property listing both costs one evaluation less.
		const withoutOperations = (property: INodeProperties) =>
			JSON.stringify(
				{
					...property,
					displayOptions: {
						...property.displayOptions,
						show: { ...property.displayOptions?.show, operation: [] },
					},
				},
				(_key, value: unknown) => (typeof value === 'function' ? String(value) : value),
			);
		const fields = new Hex().description.properties.filter(
			(property) => property.name !== 'operation',
		);
		const declaredTwice = fields.filter(
			(property, index) =>
				fields.findIndex((other) => withoutOperations(other) === withoutOperations(property)) !==
				index,
		);
		expect(declaredTwice.map((property) => property.name)).toEqual([]);
	});

	test('Project → Get by an expression: three evaluations of it and two of the base URL', async () => {
		const perItem = await evaluationsPerItem(
			{ resource: 'project', operation: 'get', projectId: locator('={{ $json.projectId }}') },
			{ projectId: '5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c' },
		);
		expect(perItem).toEqual({ 'base URL': 2, projectId: 3 });
	});
});
