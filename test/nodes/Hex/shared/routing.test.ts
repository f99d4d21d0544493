import type { INodeProperties } from 'n8n-workflow';

import { Hex } from '../../../../nodes/Hex/Hex.node';
import { mergeRepeatedProperties } from '../../../../nodes/Hex/shared/routing';

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

	test('keeps both when a field of the later operation stands between (order would change)', () => {
		const merged = mergeRepeatedProperties([
			field('projectId', ['get']),
			field('limit', ['getAll']),
			field('projectId', ['getAll']),
		]);
		expect(summary(merged)).toEqual(['projectId:get', 'limit:getAll', 'projectId:getAll']);
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

	test('the Hex node declares no property twice where one would do', () => {
		const properties = new Hex().description.properties;
		expect(mergeRepeatedProperties(properties)).toHaveLength(properties.length);
		expect(properties.filter((property) => property.name === 'projectId').length).toBeLessThan(12);
	});
});
