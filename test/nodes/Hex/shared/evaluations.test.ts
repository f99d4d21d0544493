import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';
import { Expression, isResourceLocatorValue } from 'n8n-workflow';

import { Hex } from '../../../../nodes/Hex/Hex.node';
import { HEX_BASE_URL_EXPRESSION } from '../../../../nodes/Hex/shared/baseUrl';
import { runHexNode, StoppingCredentialsHelper } from '../../../harness/engine';
import { locator } from '../../../support/hex';
import { operationCases } from '../../../support/cases';

const ITEMS = 2;
const CREDENTIALS = { subdomain: 'app', apiToken: 'hxtp_test', baseUrl: '' };

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
	'timeout',
	'cancelOnTimeout',
	'connectionType',
	'cellType',
]);

/** Hex IDs are what users fill with expressions most (`{{ $json.projectId }}`): top-level `…Id`. */
const isIdField = (name: string) => /Id$/.test(name);

/** `={{ ["<value>", "<field>"][0] }}`: evaluates to the value and names the field it stands in. */
function asExpression(value: unknown, field: string): unknown {
	if (typeof value === 'string') return `={{ ${JSON.stringify([value, field])}[0] }}`;
	if (isResourceLocatorValue(value)) return { ...value, value: asExpression(value.value, field) };
	return value;
}

/** Evaluations per item of each expression, by the field it stands in. */
async function evaluationsPerItem(parameters: INodeParameters) {
	const counts = new Map<string, number>();
	const resolve = Expression.prototype.resolveSimpleParameterValue;
	const spy = jest
		.spyOn(Expression.prototype, 'resolveSimpleParameterValue')
		.mockImplementation(function (this: Expression, value, ...rest) {
			if (typeof value === 'string' && value.startsWith('=')) {
				const field = value === HEX_BASE_URL_EXPRESSION ? 'base URL' : value;
				counts.set(field, (counts.get(field) ?? 0) + 1);
			}
			return resolve.call(this, value, ...rest);
		});
	try {
		await runHexNode({
			parameters,
			credentials: CREDENTIALS,
			credentialsHelper: new StoppingCredentialsHelper(
				CREDENTIALS as ICredentialDataDecryptedObject,
			),
			input: Array.from({ length: ITEMS }, () => ({})),
			continueOnFail: true,
		});
	} finally {
		spy.mockRestore();
	}
	return Object.fromEntries([...counts].map(([field, count]) => [field, count / ITEMS]));
}

const cases = Object.entries(operationCases).map(([key, operationCase]) => {
	const [resource, operation] = key.split('.');
	const fields = Object.fromEntries(
		Object.entries(operationCase.prism).map(([name, value]) => [
			name,
			isIdField(name) ? asExpression(value, name) : value,
		]),
	);
	return { key, parameters: { resource, operation, ...fields } as INodeParameters };
});

// n8n's routing node evaluates `parameters[property.name]` for every property of the description,
// shown or not, in two walks per item (runNode and resolveBaseUrl), before it checks whether the
// property is shown: each property sharing a field's name evaluates the field's expression again.
describe('expressions are evaluated no more often than n8n must (per item)', () => {
	test.each(cases)(
		'$key: each ID field at most 3 times (two walks, one read), the base URL twice',
		async ({ parameters }) => {
			const perItem = await evaluationsPerItem(parameters);
			expect(perItem['base URL']).toBe(2);
			const tooOften = Object.entries(perItem).filter(
				([field, count]) => field !== 'base URL' && count > 3,
			);
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

	test('Project → Get by an expression: three evaluations of it and two of the base URL', async () => {
		const id = '={{ $json.projectId }}';
		const perItem = await evaluationsPerItem({
			resource: 'project',
			operation: 'get',
			projectId: locator(id),
		});
		expect(perItem).toEqual({ 'base URL': 2, [id]: 3 });
	});
});
