import type { INodeProperties } from 'n8n-workflow';

const show = { resource: ['project'], operation: ['export'] };

export const exportFields: INodeProperties[] = [
	{
		displayName: 'Version',
		name: 'version',
		type: 'options',
		displayOptions: { show },
		options: [
			{ name: 'Draft', value: 'draft', description: 'The current notebook' },
			{ name: 'Latest Published', value: 'latest', description: 'The latest published app' },
			{
				name: 'Specific Version',
				value: 'number',
				description: 'A published version by its number',
			},
		],
		default: 'draft',
		routing: {
			send: {
				type: 'body',
				property: 'version',
				value: '={{ $value === "number" ? $parameter.versionNumber : $value }}',
			},
		},
	},
	{
		displayName: 'Version Number',
		name: 'versionNumber',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1,
		description: 'The published version to export',
		displayOptions: { show: { ...show, version: ['number'] } },
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description: 'The name of the output binary field to put the .hex.yaml file in',
		displayOptions: { show },
	},
];
