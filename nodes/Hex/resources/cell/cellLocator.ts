import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { UUID_REGEX, projectLocator } from '../../shared/descriptions';

/** The cell a route's `{cellId}` names: picked from the project's cells, or by ID. */
export function cellLocator(
	show: IDisplayOptions['show'],
	description = 'The cell. Pick it from the cells of the project above, or enter its ID.',
): INodeProperties {
	return {
		displayName: 'Cell',
		name: 'cellId',
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
				typeOptions: { searchListMethod: 'searchCells', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c',
				validation: [
					{
						type: 'regex',
						properties: { regex: UUID_REGEX, errorMessage: 'Not a cell ID (a UUID)' },
					},
				],
			},
		],
	};
}

/**
 * Cell IDs are unique across projects, so Hex does not need the project; the Cell picker does
 * (Hex lists cells per project). Optional and never sent.
 */
export function pickerProjectField(show: IDisplayOptions['show']): INodeProperties {
	return {
		...projectLocator(
			show,
			'Only used to list its cells in the Cell field below (From List); not sent to Hex',
		),
		required: false,
	};
}
