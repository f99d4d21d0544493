import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { throwOnHexError } from './errors';
import { resolvePathParameters } from './pathParameters';

function isOperationList(property: INodeProperties): boolean {
	return property.name === 'operation' && property.type === 'options';
}

/**
 * Gives every operation the two mechanisms all Hex routes share: its `{…}` path parameters are
 * filled and validated before sending, and any HTTP error becomes one readable NodeApiError.
 * Applied once to the whole description, so operations added later get both automatically.
 */
export function withHexRouting(properties: INodeProperties[]): INodeProperties[] {
	return properties.map((property) => {
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
						postReceive: [throwOnHexError, ...(routing.output?.postReceive ?? [])],
					},
				},
			};
		});
		return { ...property, options };
	});
}
