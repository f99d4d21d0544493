import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { UUID_REGEX } from '../../shared/descriptions';

/** The collection a Get or Update acts on: picked from Hex's list, or entered as an ID. */
export function collectionLocator(show: IDisplayOptions['show']): INodeProperties {
	return {
		displayName: 'Collection',
		name: 'collectionId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The Hex collection. Pick it from the list, or enter its ID.',
		displayOptions: { show },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchCollections', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c',
				validation: [
					{
						type: 'regex',
						properties: { regex: UUID_REGEX, errorMessage: 'Not a collection ID (a UUID)' },
					},
				],
			},
		],
	};
}
