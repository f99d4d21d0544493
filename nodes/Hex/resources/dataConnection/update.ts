import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { refuseEmptyUpdate } from '../../shared/inputs';
import { connectionDetailsPreSend } from './connectionDetailsBody';
import { updateDetailProperties } from './connectionTypeFields';
import { connectionTypeOptions } from './connectionTypes';
import { connectionSettingsOptions, connectionSettingsPreSend } from './connectionSettings';

const show = { resource: ['dataConnection'], operation: ['update'] };

/** Runs after every other step of the body (it belongs to the last property): Hex requires a body. */
async function refuseEmptyConnectionUpdate(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	refuseEmptyUpdate(
		this,
		(requestOptions.body ?? {}) as IDataObject,
		'Choose a Connection Details Type to change its details, or add a field under Update Fields.',
	);
	return requestOptions;
}

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
	...updateDetailProperties(show).map((property) => ({
		...property,
		routing: { send: { preSend: [connectionDetailsPreSend('update')] } },
	})),
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
