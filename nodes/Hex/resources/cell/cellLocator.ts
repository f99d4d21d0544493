import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { hexIdLocator, projectLocator } from '../../shared/descriptions';

/** The cell a route's `{cellId}` names: picked from the project's cells, or by ID. */
export function cellLocator(
	show: IDisplayOptions['show'],
	description = 'The cell. Pick it from the cells of the project above, or enter its ID.',
): INodeProperties {
	return hexIdLocator({
		displayName: 'Cell',
		name: 'cellId',
		description,
		show,
		searchListMethod: 'searchCells',
	});
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
