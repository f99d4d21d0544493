import type { IHttpRequestMethods, INodeProperties } from 'n8n-workflow';

import { customCallOutput } from './customRequest';
import { requestFields } from './request';

const showOnlyForCustomApiCall = { resource: ['customApiCall'] };

export const customApiCallDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForCustomApiCall },
		options: [
			{
				name: 'Make a Request',
				value: 'request',
				action: 'Make a custom request',
				description:
					'Call any /v1/ route of Hex’s API with the credential, e.g. one this node does not cover yet',
				routing: {
					// The method is the user's; the URL is replaced by the checked Path before sending.
					request: {
						method: '={{ $parameter.method }}' as IHttpRequestMethods,
						url: '/v1/',
					},
					output: { postReceive: [customCallOutput] },
				},
			},
		],
		default: 'request',
	},
	...requestFields,
];
