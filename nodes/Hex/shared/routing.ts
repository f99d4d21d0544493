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
	return [...routed, requestHandlingProperty];
}
