import type { INodeProperties } from 'n8n-workflow';

import { buildCustomRequest, METHODS } from './customRequest';

const show = { resource: ['customApiCall'], operation: ['request'] };

export const requestFields: INodeProperties[] = [
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		options: METHODS.map((method) => ({ name: method, value: method })),
		default: 'GET',
		description: 'The HTTP method of the Hex API route',
		displayOptions: { show },
	},
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. /v1/users/me',
		description:
			'The route as Hex’s API reference writes it, starting with /v1/; the credential’s host and token are used',
		displayOptions: { show },
		routing: { send: { preSend: [buildCustomRequest] } },
	},
	{
		displayName: 'Query Parameters',
		name: 'queryParameters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Query Parameter',
		default: {},
		description: 'Sent as ?name=value; a name given twice is sent twice',
		displayOptions: { show },
		options: [
			{
				displayName: 'Parameter',
				name: 'parameter',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. limit',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'e.g. 10',
					},
				],
			},
		],
	},
	{
		displayName: 'JSON Body',
		name: 'jsonBody',
		type: 'json',
		default: '',
		placeholder: 'e.g. {"title": "Churn Review"}',
		description: 'The request body as a JSON object or array; leave empty to send no body',
		displayOptions: { show: { ...show, method: ['DELETE', 'PATCH', 'POST', 'PUT'] } },
	},
];
