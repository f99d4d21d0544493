import type { ICredentialTestRequest, ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

import { authorizeHexRequest, HEX_BASE_URL_EXPRESSION } from '../nodes/Hex/shared/baseUrl';

export class HexApi implements ICredentialType {
	name = 'hexApi';

	displayName = 'Hex API';

	icon: Icon = { light: 'file:../icons/hex.svg', dark: 'file:../icons/hex.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-hex/n8n-nodes-hex#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Subdomain',
			name: 'subdomain',
			type: 'string',
			default: 'app',
			placeholder: 'e.g. app',
			description:
				'The first part of your Hex address: "app" for app.hex.tech, "eu" for the EU region (eu.hex.tech), "hc" for HIPAA (hc.hex.tech), or your single-tenant name. A pasted address such as https://app.hex.tech/acme also works.',
		},
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'Create it in Hex under Settings → API keys. Personal tokens (hxtp_…) act as you and expire; workspace tokens (hxtw_…, admins only) need scopes: Projects Read for project and run lists, Projects Run to start runs, Users Write to deactivate users, Data Connections Read/Write for data connections.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://hex-proxy.example.com/api',
			description:
				'Only for a proxy or private deployment: the API root that /v1 routes are added to. When set it replaces the subdomain.',
		},
	];

	authenticate = authorizeHexRequest;

	test: ICredentialTestRequest = {
		request: { baseURL: HEX_BASE_URL_EXPRESSION, url: '/v1/users/me' },
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Hex rejected the token (401): it is wrong or expired, or it belongs to another Hex region or tenant than the one this credential points to (the Base URL when it is set, else the Subdomain).',
				},
			},
		],
	};
}
