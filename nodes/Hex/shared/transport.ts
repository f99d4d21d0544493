import type {
	IDataObject,
	IHttpRequestMethods,
	IN8nHttpFullResponse,
	ILoadOptionsFunctions,
	INode,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { describeHexError, readHexError } from './errors';

export const HEX_CREDENTIAL_TYPE = 'hexApi';

/** Contexts that call Hex outside the routing engine: pickers and the trigger's polls. */
export type HexRequestContext = ILoadOptionsFunctions | IPollFunctions;

/** One Hex API call that answers with any status, for callers that handle some errors themselves. */
export async function hexApiResponse(
	this: HexRequestContext,
	method: IHttpRequestMethods,
	url: string,
	qs: IDataObject = {},
): Promise<IN8nHttpFullResponse> {
	return (await this.helpers.httpRequestWithAuthentication.call(this, HEX_CREDENTIAL_TYPE, {
		method,
		url,
		qs,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	})) as IN8nHttpFullResponse;
}

/** The error a Hex error response becomes: the same message and hints as in operations. */
export function hexApiError(node: INode, response: IN8nHttpFullResponse): NodeApiError {
	const details = readHexError(response.statusCode, response.body, response.headers);
	const { message, description } = describeHexError(details);
	return new NodeApiError(
		node,
		{ message: details.message },
		{
			message,
			description,
			httpCode: String(details.status),
		},
	);
}

/** A Hex API call outside the routing engine (pickers); errors read the same way as in operations. */
export async function hexApiRequest(
	this: HexRequestContext,
	method: IHttpRequestMethods,
	url: string,
	qs: IDataObject = {},
): Promise<IDataObject> {
	const response = await hexApiResponse.call(this, method, url, qs);
	if (response.statusCode >= 400) {
		throw hexApiError(this.getNode(), response);
	}
	return response.body as IDataObject;
}
