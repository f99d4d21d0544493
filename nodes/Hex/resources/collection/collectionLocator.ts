import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { hexIdLocator } from '../../shared/descriptions';

/** The collection a Get or Update acts on: picked from Hex's list, or entered as an ID. */
export function collectionLocator(show: IDisplayOptions['show']): INodeProperties {
	return hexIdLocator({
		displayName: 'Collection',
		name: 'collectionId',
		description: 'The Hex collection. Pick it from the list, or enter its ID.',
		show,
		searchListMethod: 'searchCollections',
	});
}
