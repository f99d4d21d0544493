import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { UUID_REGEX } from '../../shared/descriptions';

/**
 * The guide file (`orgGuideFileId`) by its ID, as shown in the menu of a guide file in Hex or
 * output by Get Many Drafts and Create or Update Draft. A "From List" mode can use
 * `searchGuideDrafts` (./searchGuideDrafts.ts) once that is registered in Hex.node.ts.
 */
export function guideDraftLocator(
	show: IDisplayOptions['show'],
	description = 'The guide file, by its ID (from Get Many Drafts or the guide file’s menu in Hex)',
): INodeProperties {
	return {
		displayName: 'Guide Draft',
		name: 'orgGuideFileId',
		type: 'resourceLocator',
		default: { mode: 'id', value: '' },
		required: true,
		description,
		displayOptions: { show },
		modes: [
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c',
				validation: [
					{
						type: 'regex',
						properties: { regex: UUID_REGEX, errorMessage: 'Not a guide file ID (a UUID)' },
					},
				],
			},
		],
	};
}
