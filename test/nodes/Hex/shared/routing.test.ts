import type { INodeProperties } from 'n8n-workflow';

import { Hex, HEX_PROPERTIES } from '../../../../nodes/Hex/Hex.node';
import { mergeRepeatedProperties } from '../../../../nodes/Hex/shared/routing';
import { nodeOperations, propertiesShownFor } from '../../../support/operations';

const field = (name: string, operation: string[], description = 'The field.'): INodeProperties => ({
	displayName: name,
	name,
	type: 'string',
	default: '',
	description,
	displayOptions: { show: { resource: ['run'], operation } },
});

const summary = (properties: INodeProperties[]) =>
	properties.map(
		(property) => `${property.name}:${String(property.displayOptions?.show?.operation)}`,
	);

describe('mergeRepeatedProperties (fewer properties for n8n to evaluate per item)', () => {
	test('merges a field declared again for another operation when nothing stands between', () => {
		const merged = mergeRepeatedProperties([
			field('projectId', ['get']),
			field('runId', ['get']),
			field('projectId', ['cancel']),
			field('runId', ['cancel']),
		]);
		expect(summary(merged)).toEqual(['projectId:get,cancel', 'runId:get,cancel']);
	});

	test('merges across a field of another operation by moving that field, order kept', () => {
		const merged = mergeRepeatedProperties([
			field('projectId', ['get']),
			field('limit', ['getAll']),
			field('projectId', ['getAll']),
		]);
		expect(summary(merged)).toEqual(['limit:getAll', 'projectId:get,getAll']);
	});

	test('keeps both when no order would suit every operation', () => {
		// Get shows Project then Run; Get Many shows Run then Project: one of each cannot do both.
		const merged = mergeRepeatedProperties([
			field('projectId', ['get']),
			field('runId', ['get']),
			field('runId', ['getAll']),
			field('projectId', ['getAll']),
		]);
		expect(merged).toHaveLength(3);
		for (const operation of ['get', 'getAll']) {
			const shown = merged.filter((p) => p.displayOptions?.show?.operation?.includes(operation));
			expect(shown.map((p) => p.name)).toEqual(
				operation === 'get' ? ['projectId', 'runId'] : ['runId', 'projectId'],
			);
		}
	});

	test('never merges fields that differ in anything but their operations', () => {
		const merged = mergeRepeatedProperties([
			field('projectId', ['get']),
			field('projectId', ['start'], 'The project to run.'),
		]);
		expect(merged).toHaveLength(2);
	});

	test('leaves the input properties untouched', () => {
		const input = [field('projectId', ['get']), field('projectId', ['cancel'])];
		mergeRepeatedProperties(input);
		expect(summary(input)).toEqual(['projectId:get', 'projectId:cancel']);
	});

	test('every operation of the Hex node shows the same fields in the same order as declared', () => {
		const description = new Hex().description;
		const declared = { ...description, properties: HEX_PROPERTIES };
		const fields = (properties: INodeProperties[]) =>
			properties.map((p) => `${p.name} (${p.displayName}, ${p.type})`);
		for (const { resource, operation } of nodeOperations(description)) {
			expect({
				resource,
				operation,
				fields: fields(propertiesShownFor(description, resource, operation)),
			}).toEqual({
				resource,
				operation,
				fields: fields(propertiesShownFor(declared, resource, operation)),
			});
		}
	});

	test('the Hex node declares no property twice where one would do', () => {
		const properties = new Hex().description.properties;
		expect(mergeRepeatedProperties(properties)).toHaveLength(properties.length);
		expect(properties.filter((property) => property.name === 'projectId').length).toBeLessThan(12);
	});
});
