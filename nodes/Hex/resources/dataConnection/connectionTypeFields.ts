import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { DetailField } from './connectionTypes';
import { connectionDetailsPreSend } from './connectionDetailsBody';
import { CONNECTION_TYPES, parameterName } from './connectionTypes';

function toProperty(type: string, field: DetailField): INodeProperties {
	const base = {
		displayName: field.displayName,
		name: parameterName(type, field.key),
		description: field.description,
		...(field.placeholder ? { placeholder: field.placeholder } : {}),
	};
	if (field.type === 'keyValues') {
		return {
			...base,
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			placeholder: 'Add Session Property',
			options: [
				{
					displayName: 'Property',
					name: 'property',
					values: [
						{ displayName: 'Key', name: 'key', type: 'string', default: '' },
						{ displayName: 'Value', name: 'value', type: 'string', default: '' },
					],
				},
			],
		};
	}
	if (field.type === 'number') return { ...base, type: 'number', default: 0 };
	if (field.type === 'boolean') return { ...base, type: 'boolean', default: false };
	return {
		...base,
		type: 'string',
		default: '',
		...(field.secret ? { typeOptions: { password: true } } : {}),
	};
}

/** Create: required details as top-level required fields, the rest under "Connection Options". */
export function createDetailProperties(show: IDataObject): INodeProperties[] {
	return Object.entries(CONNECTION_TYPES).flatMap(([type, { fields }]) => {
		const typeShow = { show: { ...show, connectionType: [type] } };
		const required = fields
			.filter((field) => field.requiredOnCreate)
			.map((field) => ({ ...toProperty(type, field), required: true, displayOptions: typeShow }));
		const optional = fields.filter((field) => !field.requiredOnCreate);
		const options: INodeProperties[] = optional.length
			? [
					{
						displayName: 'Connection Options',
						name: `${type}Options`,
						type: 'collection',
						placeholder: 'Add Option',
						default: {},
						displayOptions: typeShow,
						options: optional.map((field) => toProperty(type, field)),
					},
				]
			: [];
		return [...required, ...options];
	});
}

/** Update: every detail is optional; only the ones added are sent (e.g. to rotate a password). */
export function updateDetailProperties(show: IDataObject): INodeProperties[] {
	return Object.entries(CONNECTION_TYPES).map(([type, { fields }]) => ({
		displayName: 'Connection Details',
		name: `${type}Details`,
		type: 'collection',
		placeholder: 'Add Detail',
		default: {},
		description: 'The connection settings to change; unset ones stay as they are',
		displayOptions: { show: { ...show, connectionType: [type] } },
		options: fields.map((field) => toProperty(type, field)),
		routing: { send: { preSend: [connectionDetailsPreSend('update')] } },
	}));
}
