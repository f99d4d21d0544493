import type {
	IDataObject,
	IHttpRequestMethods,
	IN8nHttpFullResponse,
	ILoadOptionsFunctions,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { describeHexError, readHexError } from './errors';

export const HEX_CREDENTIAL_TYPE = 'hexApi';

/** A Hex API call outside the routing engine (pickers); errors read the same way as in operations. */
export async function hexApiRequest(
	this: ILoadOptionsFunctions,
	method: IHttpRequestMethods,
	url: string,
	qs: IDataObject = {},
): Promise<IDataObject> {
	const response = (await this.helpers.httpRequestWithAuthentication.call(
		this,
		HEX_CREDENTIAL_TYPE,
		{ method, url, qs, json: true, returnFullResponse: true, ignoreHttpStatusErrors: true },
	)) as IN8nHttpFullResponse;
	if (response.statusCode >= 400) {
		const details = readHexError(response.statusCode, response.body, response.headers);
		const { message, description } = describeHexError(details);
		throw new NodeApiError(
			this.getNode(),
			{ message: details.message },
			{
				message,
				description,
				httpCode: String(details.status),
			},
		);
	}
	return response.body as IDataObject;
}
