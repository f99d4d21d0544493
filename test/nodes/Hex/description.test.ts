import { createHash } from 'crypto';
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { Hex } from '../../../nodes/Hex/Hex.node';
import { nodeOperations } from '../../support/operations';

const description = new Hex().description;

type Routed = {
	name?: string;
	value?: unknown;
	routing?: INodeProperties['routing'];
	options?: unknown[];
	values?: unknown[];
};

const functionName = (fn: unknown) =>
	typeof fn === 'function' ? fn.name || '(anonymous)' : JSON.stringify(fn);

/** JSON with sorted keys and functions by name: equal for equal properties, however declared. */
function canonical(value: unknown): unknown {
	if (typeof value === 'function') return `fn:${functionName(value)}`;
	if (Array.isArray(value)) return value.map(canonical);
	if (value !== null && typeof value === 'object') {
		return Object.fromEntries(
			Object.keys(value)
				.sort()
				.map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
		);
	}
	return value;
}

/** Whether n8n can show the property for this resource and operation (other conditions aside). */
function listedFor(property: INodeProperties, resource: string, operation: string): boolean {
	const { show, hide } = property.displayOptions ?? {};
	const admits = (key: string, value: string) => {
		const values = show?.[key];
		return !Array.isArray(values) || values.includes(value);
	};
	const excludes = (key: string, value: string) => {
		const values = hide?.[key];
		return Array.isArray(values) && values.includes(value);
	};
	return (
		admits('resource', resource) &&
		admits('operation', operation) &&
		!excludes('resource', resource) &&
		!excludes('operation', operation)
	);
}

/**
 * One line per field: what the editor shows (name, label, type, default), the other conditions
 * it is shown under, and a digest of the whole field (options, routing, descriptions) without its
 * operation list, so any change to a field shows up as a changed line.
 */
function fieldLine(property: INodeProperties): string {
	const conditions = Object.fromEntries(
		Object.entries(property.displayOptions?.show ?? {}).filter(
			([key]) => key !== 'resource' && key !== 'operation',
		),
	);
	const hide = property.displayOptions?.hide;
	const whole = {
		...property,
		displayOptions: property.displayOptions && { show: conditions, hide },
	};
	const digest = createHash('sha256')
		.update(JSON.stringify(canonical(whole)))
		.digest('hex')
		.slice(0, 12);
	const when = Object.keys(conditions).length > 0 ? ` when ${JSON.stringify(conditions)}` : '';
	return `${property.name} | ${property.displayName} | ${property.type} | ${JSON.stringify(property.default)}${when} | #${digest}`;
}

/** The routing functions of a field and of its nested options, in the order n8n applies them. */
function routingFunctions(
	entry: Routed,
	path: string,
	kind: 'preSend' | 'postReceive',
	operation: string,
): string[] {
	const own =
		kind === 'preSend'
			? (entry.routing?.send?.preSend ?? [])
			: (entry.routing?.output?.postReceive ?? []);
	const found = own.map((fn) => `${path}: ${functionName(fn)}`);
	const isOperationList = path === 'operation';
	for (const child of [...(entry.options ?? []), ...(entry.values ?? [])] as Routed[]) {
		// Of the operation list only the chosen operation's routing applies.
		if (isOperationList && child.value !== operation) continue;
		const childPath = isOperationList ? path : `${path}.${String(child.name ?? child.value)}`;
		found.push(...routingFunctions(child, childPath, kind, operation));
	}
	return found;
}

function shown(resource: string, operation: string) {
	const properties = description.properties.filter((property) => {
		if (property.name === 'operation') {
			const resources = property.displayOptions?.show?.resource as string[] | undefined;
			return resources?.includes(resource) === true;
		}
		return listedFor(property, resource, operation);
	});
	const chosen = (properties.find((property) => property.name === 'operation')?.options ??
		[]) as INodePropertyOptions[];
	const request = chosen.find((option) => option.value === operation)?.routing;
	return {
		request: `${String(request?.request?.method)} ${String(request?.request?.url)}`,
		pagination: functionName(request?.operations?.pagination),
		fields: properties.map(fieldLine),
		preSend: properties.flatMap((property) =>
			routingFunctions(property, property.name, 'preSend', operation),
		),
		postReceive: properties.flatMap((property) =>
			routingFunctions(property, property.name, 'postReceive', operation),
		),
	};
}

const operations = nodeOperations(description).map(({ resource, operation }) => ({
	key: `${resource}.${operation}`,
	resource,
	operation,
}));

// What the editor shows and the node sends, per operation, as recorded before the description
// was declared field by field instead of merged at load time. A change here is a change users see.
describe('the editor shows each operation the same fields, in the same order, routed the same', () => {
	test('the node has every operation it had', () => {
		expect(operations.map(({ key }) => key)).toMatchSnapshot();
	});

	test.each(operations)('$key', ({ resource, operation }) => {
		expect(shown(resource, operation)).toMatchSnapshot();
	});
});
