import type { INodeProperties } from 'n8n-workflow';

import { connectionDetailsPreSend } from './connectionDetailsBody';
import { createDetailProperties } from './connectionTypeFields';
import { connectionTypeOptions } from './connectionTypes';
import { connectionSettingsOptions, connectionSettingsPreSend } from './connectionSettings';

const show = { resource: ['dataConnection'], operation: ['create'] };

export const createFields: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Analytics Warehouse',
		description: 'The name of the connection',
		displayOptions: { show },
		routing: { send: { type: 'body', property: 'name' } },
	},
	{
		displayName: 'Type',
		name: 'connectionType',
		type: 'options',
		noDataExpression: true,
		required: true,
		options: connectionTypeOptions,
		default: 'snowflake',
		description: 'The kind of warehouse or database',
		displayOptions: { show },
		routing: {
			send: {
				type: 'body',
				property: 'type',
				preSend: [
					connectionDetailsPreSend('create'),
					connectionSettingsPreSend('dataConnectionAdditionalFields', 'create'),
				],
			},
		},
	},
	...createDetailProperties(show),
	{
		displayName: 'Additional Fields',
		name: 'dataConnectionAdditionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: connectionSettingsOptions(),
	},
];
