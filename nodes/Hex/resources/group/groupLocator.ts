import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { UUID_REGEX } from '../../shared/descriptions';

/** The group a Get, Update or Delete acts on: picked from Hex's list, or entered as an ID. */
export function groupLocator(
	show: IDisplayOptions['show'],
	description = 'The Hex group. Pick it from the list, or enter its ID.',
): INodeProperties {
	return {
		displayName: 'Group',
		name: 'groupId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		displayOptions: { show },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchGroups', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c',
				validation: [
					{
						type: 'regex',
						properties: { regex: UUID_REGEX, errorMessage: 'Not a group ID (a UUID)' },
					},
				],
			},
		],
	};
}
