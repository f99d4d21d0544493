import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { rememberRequest, requestOptionsProperty, settleHexAnswer } from './hexRequest';
import { resolvePathParameters } from './pathParameters';

function isOperationList(property: INodeProperties): boolean {
	return property.name === 'operation' && property.type === 'options';
}

/**
 * The last property: its pre-send step runs after every other one and remembers the request as
 * sent, so that a retry (settleHexAnswer) sends the same. Hidden; it holds no value.
 */
const sentRequestProperty: INodeProperties = {
	displayName: 'Sent Request',
	name: 'sentRequest',
	type: 'hidden',
	default: '',
	routing: { send: { preSend: [rememberRequest] } },
};

/**
 * Gives every operation the mechanisms all Hex routes share: its `{…}` path parameters are filled
 * and validated before sending, and its answer goes through the one request path (retries,
 * readable errors). Applied once to the whole description, so operations added later get them.
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
						preSend: [resolvePathParameters, ...(routing.send?.preSend ?? [])],
					},
					output: {
						...routing.output,
						postReceive: [settleHexAnswer, ...(routing.output?.postReceive ?? [])],
					},
				},
			};
		});
		return { ...property, options };
	});
	return [...mergeRepeatedProperties(routed), requestOptionsProperty, sentRequestProperty];
}

/** The description with functions as text, so two properties can be compared whole. */
const fingerprint = (value: unknown) =>
	JSON.stringify(value, (_key, inner: unknown) =>
		typeof inner === 'function' ? `fn:${String(inner)}` : inner,
	);

/** The resource/operation pairs a property is declared for; undefined: it may show anywhere. */
function scopeOf(property: INodeProperties): string[] | undefined {
	const show = property.displayOptions?.show;
	const resources = show?.resource;
	const operations = show?.operation;
	if (isOperationList(property) || !Array.isArray(resources) || !Array.isArray(operations)) {
		return undefined;
	}
	return resources.flatMap((resource) => operations.map((operation) => `${resource}.${operation}`));
}

/** Whether the merged groups can still be ordered so each operation sees its fields in order. */
function hasOrder(sequences: number[][], groupOf: number[]): boolean {
	const after = new Map<number, Set<number>>();
	for (const sequence of sequences) {
		for (let i = 1; i < sequence.length; i++) {
			const [from, to] = [groupOf[sequence[i - 1]], groupOf[sequence[i]]];
			if (from === to) return false;
			after.set(from, (after.get(from) ?? new Set()).add(to));
		}
	}
	const state = new Map<number, 'open' | 'done'>();
	const acyclic = (group: number): boolean => {
		if (state.get(group) === 'done') return true;
		if (state.get(group) === 'open') return false;
		state.set(group, 'open');
		for (const next of after.get(group) ?? []) if (!acyclic(next)) return false;
		state.set(group, 'done');
		return true;
	};
	return [...after.keys()].every(acyclic);
}

/**
 * n8n evaluates every property of the description for every item, shown or not (twice: once
 * for the base URL). Operations of one resource declare the same field (e.g. Project) each for
 * itself; one property that shows for all of them costs one evaluation instead of many.
 * Properties identical but for their operations are merged whenever the result can still be
 * ordered so that every operation shows its fields in the order it declares them; the merged
 * list is that order, as close to the declared one as it allows.
 */
export function mergeRepeatedProperties(properties: INodeProperties[]): INodeProperties[] {
	const scopes = properties.map(scopeOf);
	const pairs = [...new Set(scopes.flatMap((scope) => scope ?? []))];
	// What each operation shows, in declared order (properties without a scope in every one).
	const sequences = pairs.map((pair) =>
		properties.flatMap((_property, index) =>
			scopes[index] === undefined || scopes[index]?.includes(pair) ? [index] : [],
		),
	);
	const groupOf = properties.map((_property, index) => index);
	const latestOfKind = new Map<string, number>();
	properties.forEach((property, index) => {
		const scope = scopes[index];
		if (scope === undefined) return;
		const show = property.displayOptions?.show;
		const kind = fingerprint({ ...property, displayOptions: { show: { ...show, operation: 0 } } });
		const group = latestOfKind.get(kind);
		if (group !== undefined) {
			const members = groupOf.flatMap((of, member) => (of === group ? [member] : []));
			const overlaps = members.some((member) =>
				scopes[member]?.some((pair) => scope.includes(pair)),
			);
			groupOf[index] = group;
			if (!overlaps && hasOrder(sequences, groupOf)) return;
			groupOf[index] = index;
		}
		latestOfKind.set(kind, index);
	});
	return orderedGroups(properties, groupOf, sequences);
}

/** One property per group, in an order every operation agrees with; earliest declared first. */
function orderedGroups(properties: INodeProperties[], groupOf: number[], sequences: number[][]) {
	const groups = [...new Set(groupOf)];
	const before = new Map(groups.map((group) => [group, new Set<number>()]));
	for (const sequence of sequences) {
		for (let i = 1; i < sequence.length; i++) {
			before.get(groupOf[sequence[i]])?.add(groupOf[sequence[i - 1]]);
		}
	}
	const placed = new Set<number>();
	const merged: INodeProperties[] = [];
	while (placed.size < groups.length) {
		const next = groups.find(
			(group) => !placed.has(group) && [...(before.get(group) ?? [])].every((g) => placed.has(g)),
		) as number;
		placed.add(next);
		const members = groupOf.flatMap((of, member) => (of === next ? [properties[member]] : []));
		const [first] = members;
		if (members.length === 1) {
			merged.push(first);
			continue;
		}
		const operations = [
			...new Set(members.flatMap((member) => member.displayOptions?.show?.operation ?? [])),
		];
		merged.push({
			...first,
			displayOptions: { show: { ...first.displayOptions?.show, operation: operations } },
		});
	}
	return merged;
}
