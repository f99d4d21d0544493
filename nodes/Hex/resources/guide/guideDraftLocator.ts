import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { hexIdLocator } from '../../shared/descriptions';

/**
 * The guide file (`orgGuideFileId`): picked from the drafts by path, or by its ID as shown in the
 * menu of a guide file in Hex or output by Get Many Drafts and Create or Update Draft.
 */
export function guideDraftLocator(
	show: IDisplayOptions['show'],
	description = 'The guide file. Pick it from the drafts, or enter its ID (from Get Many Drafts or the guide file’s menu in Hex).',
): INodeProperties {
	return hexIdLocator({
		displayName: 'Guide Draft',
		name: 'orgGuideFileId',
		searchListMethod: 'searchGuideDrafts',
		description,
		show,
	});
}
