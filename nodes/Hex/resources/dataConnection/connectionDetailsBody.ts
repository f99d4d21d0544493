import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { fail, refuseEmptyUpdate } from '../../shared/fieldValues';
import type { DetailField } from './connectionTypes';
import { CONNECTION_TYPES, parameterName } from './connectionTypes';
import { normalizePem } from './pem';

function detailValue(field: DetailField, value: unknown): unknown {
	if (field.type === 'keyValues') {
		const rows = ((value as IDataObject)?.property ?? []) as IDataObject[];
		return rows.map((row) => ({ key: String(row.key ?? ''), value: String(row.value ?? '') }));
	}
	// Hex takes null for "none" on nullable fields (e.g. a Snowflake role); "" would be a name.
	if (field.nullable && typeof value === 'string' && value.trim() === '') return null;
	if (field.pem && typeof value === 'string') return normalizePem(value);
	return value;
}

/** Collects the chosen type's details into `connectionDetails: {<type>: {...}}`; other types' stay unsent. */
export function connectionDetailsPreSend(mode: 'create' | 'update') {
	return async function (
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const type = this.getNodeParameter('connectionType') as string;
		const spec = CONNECTION_TYPES[type];
		if (!spec) {
			fail(
				this,
				`The "Type" parameter has an unsupported value: "${type}"`,
				`Choose one of: ${Object.keys(CONNECTION_TYPES).join(', ')}.`,
			);
		}
		const details: IDataObject = {};
		const collected =
			mode === 'update'
				? ((this.getNodeParameter(`${type}Details`, {}) as IDataObject) ?? {})
				: {
						...((this.getNodeParameter(`${type}Options`, {}) as IDataObject) ?? {}),
						...Object.fromEntries(
							spec.fields
								.filter((field) => field.requiredOnCreate)
								.map((field) => [
									parameterName(type, field.key),
									this.getNodeParameter(parameterName(type, field.key)),
								]),
						),
					};
		for (const field of spec.fields) {
			const name = parameterName(type, field.key);
			if (!(name in collected)) continue;
			const value = collected[name];
			if (
				mode === 'create' &&
				field.requiredOnCreate &&
				(value === '' || value === undefined || value === null)
			) {
				fail(
					this,
					`The "${field.displayName}" parameter is required for ${spec.name} connections`,
					`${field.description}.`,
				);
			}
			details[field.key] = detailValue(field, value) as IDataObject[string];
		}
		if (mode === 'update' && Object.keys(details).length === 0) return requestOptions;
		requestOptions.body = {
			...(requestOptions.body as IDataObject),
			connectionDetails: { [type]: details },
		};
		return requestOptions;
	};
}

/** Update's last body step (on Update Fields, its last field): Hex refuses an empty body. */
export async function refuseEmptyConnectionUpdate(
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
