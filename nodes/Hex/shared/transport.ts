import type {
	IDataObject,
	IHttpRequestMethods,
	IN8nHttpFullResponse,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { HEX_CREDENTIAL_TYPE } from './baseUrl';
import { credentialTargetFor, describeHexError, readHexError } from './errors';

export { HEX_CREDENTIAL_TYPE };

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
export async function hexApiError(
	context: HexRequestContext,
	response: IN8nHttpFullResponse,
): Promise<NodeApiError> {
	const details = readHexError(response.statusCode, response.body, response.headers);
	const { message, description } = describeHexError(
		details,
		await credentialTargetFor(context, details.status),
	);
	return new NodeApiError(
		context.getNode(),
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
		throw await hexApiError(this, response);
	}
	return response.body as IDataObject;
}
