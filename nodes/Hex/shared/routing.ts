import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { throwOnHexError } from './errors';
import { resolvePathParameters } from './pathParameters';
import { applyRequestTimeout, requestHandlingProperty, singleHexRequest } from './requests';

function isOperationList(property: INodeProperties): boolean {
	return property.name === 'operation' && property.type === 'options';
}

/**
 * Gives every operation the mechanisms all Hex routes share: its `{…}` path parameters are filled
 * and validated before sending, every request goes through one runner (timeout, safe retries),
 * and any HTTP error becomes one readable NodeApiError. Applied once to the whole description,
 * so operations added later get all of them automatically.
 */
export function withHexRouting(properties: INodeProperties[]): INodeProperties[] {
	const routed = properties.map((property) => {
		if (!isOperationList(property)) return property;
		const options = (property.options as INodePropertyOptions[]).map((option) => {
			const routing = option.routing ?? {};
			return {
				...option,
				routing: {
					...routing,
					request: { ...routing.request, ignoreHttpStatusErrors: true },
					send: {
						...routing.send,
						// Lists bring their own paginator (which uses the same runner); the rest send once.
						paginate: true,
						preSend: [resolvePathParameters, applyRequestTimeout, ...(routing.send?.preSend ?? [])],
					},
					operations: { pagination: singleHexRequest, ...routing.operations },
					output: {
						...routing.output,
						postReceive: [throwOnHexError, ...(routing.output?.postReceive ?? [])],
					},
				},
			};
		});
		return { ...property, options };
	});
	return [...mergeRepeatedProperties(routed), requestHandlingProperty];
}

/** The description with functions as text, so two properties can be compared whole. */
const fingerprint = (value: unknown) =>
	JSON.stringify(value, (_key, inner: unknown) =>
		typeof inner === 'function' ? `fn:${String(inner)}` : inner,
	);

/** Whether a property may show for one of these operations (other conditions count as yes). */
function mayShowFor(property: INodeProperties, resources: unknown[], operations: unknown[]) {
	const show = property.displayOptions?.show;
	const inResource = !show?.resource || resources.some((r) => show.resource?.includes(r as string));
	const inOperation =
		!show?.operation || operations.some((o) => show.operation?.includes(o as string));
	return inResource && inOperation;
}

/**
 * n8n evaluates every property of the description for every item, shown or not (twice: once
 * for the base URL). Operations of one resource declare the same field (e.g. Project) each for
 * itself; one property that shows for all of them costs one evaluation instead of many.
 * A property is merged into an earlier identical one (identical but for its operations) only
 * when no field of its operations stands between the two, so every operation keeps its fields
 * in the same order.
 */
export function mergeRepeatedProperties(properties: INodeProperties[]): INodeProperties[] {
	const merged: INodeProperties[] = [];
	const firstOfKind = new Map<string, INodeProperties>();
	for (const property of properties) {
		const show = property.displayOptions?.show;
		const operations = show?.operation;
		const resources = show?.resource;
		if (
			isOperationList(property) ||
			!Array.isArray(operations) ||
			!Array.isArray(resources) ||
			Object.keys(property.displayOptions ?? {}).join() !== 'show'
		) {
			merged.push(property);
			continue;
		}
		const kind = fingerprint({
			...property,
			displayOptions: { show: { ...show, operation: undefined } },
		});
		const first = firstOfKind.get(kind);
		const between = first ? merged.slice(merged.indexOf(first) + 1) : [];
		if (first && !between.some((other) => mayShowFor(other, resources, operations))) {
			const firstOperations = first.displayOptions?.show?.operation as unknown[];
			for (const operation of operations) {
				if (!firstOperations.includes(operation)) firstOperations.push(operation);
			}
			continue;
		}
		const copy = { ...property, displayOptions: { show: { ...show, operation: [...operations] } } };
		firstOfKind.set(kind, copy);
		merged.push(copy);
	}
	return merged;
}
