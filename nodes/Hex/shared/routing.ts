import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { rememberRequest, requestOptionsProperty, settleHexAnswer } from './hexRequest';
import { resolvePathParameters } from './pathParameters';

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
		if (property.name !== 'operation' || property.type !== 'options') return property;
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
	return [...routed, requestOptionsProperty, sentRequestProperty];
}
