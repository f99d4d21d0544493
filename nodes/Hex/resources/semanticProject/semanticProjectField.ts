import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/** Hex has no route that lists semantic projects, so the ID is entered (Settings → Semantic projects). */
export function semanticProjectField(show: IDisplayOptions['show']): INodeProperties {
	return {
		displayName: 'Semantic Project',
		name: 'semanticProjectId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c',
		description:
			'The ID of the semantic project, as shown in Hex under Settings → Semantic projects',
		displayOptions: { show },
	};
}
