import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/** What the prompt refers to (Hex's `attachments`), for Create and Continue. */
export function attachmentsField(show: IDisplayOptions['show']): INodeProperties {
	return {
		displayName: 'Attachments',
		name: 'attachments',
		type: 'collection',
		placeholder: 'Add Attachment',
		default: {},
		description: 'Hex objects the prompt refers to',
		displayOptions: { show },
		options: [
			{
				displayName: 'Data Connection ID',
				name: 'dataConnectionId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c',
				description: 'The data connection the prompt refers to',
			},
			{
				displayName: 'Project IDs',
				name: 'projectIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. 5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c',
				description: 'Projects the prompt refers to (comma-separated IDs)',
			},
			{
				displayName: 'Semantic Dataset IDs',
				name: 'semanticDatasetIds',
				type: 'string',
				default: '',
				description: 'Semantic datasets the prompt refers to (comma-separated IDs)',
			},
			{
				displayName: 'Semantic View IDs',
				name: 'semanticViewIds',
				type: 'string',
				default: '',
				description: 'Semantic views the prompt refers to (comma-separated IDs)',
			},
			{
				displayName: 'Table IDs',
				name: 'tableIds',
				type: 'string',
				default: '',
				description: 'Tables the prompt refers to (comma-separated IDs)',
			},
		],
	};
}

/** One field for Create and Continue: n8n evaluates every property named like a parameter. */
export function promptField(show: IDisplayOptions['show']): INodeProperties {
	return {
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		placeholder: 'e.g. Which regions grew revenue fastest last quarter?',
		description:
			'The question or task for the Hex agent. To continue a thread, the thread must be idle.',
		displayOptions: { show },
	};
}
