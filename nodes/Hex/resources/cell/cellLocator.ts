import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { hexIdLocator, projectLocator } from '../../shared/descriptions';

// Own names for the cell resource's Project fields: n8n evaluates every property named like a
// parameter, shown or not, so sharing `projectId` with other resources costs evaluations per item.
export const CELL_PROJECT_ID = 'cellProjectId';
export const PICKER_PROJECT_ID = 'pickerProjectId';
// The same for the data connection of a SQL cell, on Create and on Update.
export const SQL_DATA_CONNECTION_ID = 'sqlDataConnectionId';
export const NEW_DATA_CONNECTION_ID = 'newDataConnectionId';

/** Get Many and Create: the project whose draft holds the cells. */
export function cellProjectLocator(show: IDisplayOptions['show']): INodeProperties {
	return projectLocator(
		show,
		'The project whose draft notebook holds the cells. Pick it, paste its link, or enter its ID.',
		CELL_PROJECT_ID,
	);
}

/** The cell a route's `{cellId}` names: picked from the project's cells, or by ID. */
export function cellLocator(show: IDisplayOptions['show']): INodeProperties {
	return hexIdLocator({
		displayName: 'Cell',
		name: 'cellId',
		description:
			'The cell. Pick it from the cells of the project above, or enter its ID (Get Output and Get Chart Image also take its static ID).',
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
			PICKER_PROJECT_ID,
		),
		required: false,
	};
}
