import type { INodeProperties } from 'n8n-workflow';

import { refuseEmptyConnectionUpdate } from './connectionDetailsBody';
import { updateDetailProperties } from './connectionTypeFields';
import { connectionTypeOptions } from './connectionTypes';
import { connectionSettingsOptions, connectionSettingsPreSend } from './connectionSettings';

const show = { resource: ['dataConnection'], operation: ['update'] };

export const updateFields: INodeProperties[] = [
	{
		displayName: 'Connection Details Type',
		name: 'connectionType',
		type: 'options',
		noDataExpression: true,
		options: [{ name: 'Keep Current Details', value: 'keep' }, ...connectionTypeOptions],
		default: 'keep',
		description:
			"To change connection details (host, password, key…), choose the connection's type",
		displayOptions: { show },
		routing: {
			send: {
				preSend: [connectionSettingsPreSend('updateFields', 'update')],
			},
		},
	},
	...updateDetailProperties(show),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		routing: { send: { preSend: [refuseEmptyConnectionUpdate] } },
		options: [
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'A new name for the connection',
				routing: { send: { type: 'body', property: 'name' } },
			},
			...connectionSettingsOptions(),
		],
	},
];
