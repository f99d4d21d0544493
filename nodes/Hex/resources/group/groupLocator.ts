import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { hexIdLocator } from '../../shared/descriptions';

/** The group a Get, Update or Delete acts on: picked from Hex's list, or entered as an ID. */
export function groupLocator(
	show: IDisplayOptions['show'],
	description = 'The Hex group. Pick it from the list, or enter its ID.',
): INodeProperties {
	return hexIdLocator({
		displayName: 'Group',
		name: 'groupId',
		description,
		show,
		searchListMethod: 'searchGroups',
	});
}
