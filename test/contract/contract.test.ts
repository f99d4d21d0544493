import { Hex } from '../../nodes/Hex/Hex.node';
import { runHexNode } from '../harness/engine';
import { operationCases } from '../support/cases';
import { PRISM_IDS } from '../support/cases/types';
import { locator } from '../support/hex';
import { nodeOperations, specOperationFor } from '../support/operations';
import type { PrismMock } from '../support/prism';
import { startPrism, withAdjustedAnswers } from '../support/prism';

const operations = nodeOperations(new Hex().description);

describe('contract: every operation against Prism mocking Hex’s OpenAPI spec', () => {
	let prism: PrismMock;

	beforeAll(async () => {
		prism = await startPrism(0);
	});
	afterAll(async () => await prism.close());

	test('every node operation has a contract case', () => {
		expect(Object.keys(operationCases).sort()).toEqual(
			operations.map((operation) => `${operation.resource}.${operation.operation}`).sort(),
		);
	});

	test.each(
		operations.map((operation) => [
			`${operation.resource}.${operation.operation} (${specOperationFor(operation)?.operationId})`,
			operation,
		]),
	)('%s is accepted by Prism', async (_label, operation) => {
		const operationCase = operationCases[`${operation.resource}.${operation.operation}`];
		const adjusted = operationCase.prismAnswers
			? await withAdjustedAnswers(prism, operationCase.prismAnswers)
			: undefined;
		const run = await runHexNode({
			parameters: {
				resource: operation.resource,
				operation: operation.operation,
				...operationCase.prism,
			},
			inputItems: operationCase.inputItems?.(),
			credentials: {
				subdomain: 'app',
				apiToken: 'hxtp_contract',
				baseUrl: (adjusted ?? prism).baseUrl,
			},
		}).finally(async () => await adjusted?.close());
		if (run.error?.message.startsWith('The Hex run did not finish')) {
			// Only a wait may end this way; its status polls and the cancel were accepted.
			expect(operation.operation).toBe('wait');
			expect(run.error.message).toMatch(/; it was cancelled: /);
			return;
		}
		expect(run.error).toBeUndefined();
		expect(run.items.length).toBeGreaterThan(0);
	});
});

describe('contract: routes whose body the spec requires', () => {
	let prism: PrismMock;

	beforeAll(async () => {
		prism = await startPrism(0);
	});
	afterAll(async () => await prism.close());

	const run = async (parameters: Record<string, unknown>) =>
		await runHexNode({
			parameters: parameters as never,
			credentials: { subdomain: 'app', apiToken: 'hxtp_contract', baseUrl: prism.baseUrl },
		});

	test('Hex API Request with the JSON body {} sends it (n8n drops an empty object)', async () => {
		const result = await run({
			resource: 'customApiCall',
			operation: 'request',
			method: 'POST',
			path: `/v1/embedding/createPresignedUrl/${PRISM_IDS.project}`,
			jsonBody: '{}',
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual(expect.objectContaining({ url: expect.any(String) }));
	});

	test('Data Connection → Update with nothing to change sends nothing', async () => {
		const result = await run({
			resource: 'dataConnection',
			operation: 'update',
			dataConnectionId: locator(PRISM_IDS.connection),
			connectionType: 'keep',
			updateFields: {},
		});
		expect(result.error?.message).toBe('Nothing to update');
	});
});

describe('contract: the check can fail', () => {
	test('Prism turns a request the spec forbids into an error (export version 0)', async () => {
		const prism = await startPrism(0);
		try {
			const run = await runHexNode({
				parameters: {
					resource: 'project',
					operation: 'export',
					projectId: locator(PRISM_IDS.project),
					version: 'number',
					versionNumber: 0,
				},
				credentials: { subdomain: 'app', apiToken: 'hxtp_contract', baseUrl: prism.baseUrl },
			});
			expect(run.error?.message).toMatch(/^Hex API error (400|422)/);
		} finally {
			await prism.close();
		}
	});
});
