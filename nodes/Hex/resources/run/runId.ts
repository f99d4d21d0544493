import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

export function runIdField(show: IDisplayOptions['show']): INodeProperties {
	return {
		displayName: 'Run ID',
		name: 'runId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c',
		description: 'The ID of the run, as returned by Start or Get Many',
		displayOptions: { show },
	};
}
