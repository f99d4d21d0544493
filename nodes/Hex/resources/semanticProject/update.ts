import type { INodeProperties } from 'n8n-workflow';

const show = { resource: ['semanticProject'], operation: ['update'] };

export const updateFields: INodeProperties[] = [
	{
		displayName: 'Updates',
		name: 'semanticUpdates',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Update',
		default: {},
		description:
			'Status changes of datasets and views. Hex applies all of them or, if one fails, none.',
		displayOptions: { show },
		options: [
			{
				displayName: 'Update',
				name: 'update',
				values: [
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						options: [
							{ name: 'Dataset', value: 'DATASET' },
							{ name: 'View', value: 'VIEW' },
						],
						default: 'DATASET',
						description: 'Whether the object is a dataset or a view',
					},
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. orders',
						description: 'The name of the dataset or view',
					},
					{
						displayName: 'Status Action',
						name: 'statusAction',
						type: 'options',
						options: [
							{
								name: 'Set Status',
								value: 'set',
								description: 'Apply a status or endorsement by name',
							},
							{ name: 'Remove Status', value: 'remove', description: 'Remove the current status' },
						],
						default: 'set',
					},
					{
						displayName: 'Status',
						name: 'status',
						type: 'string',
						default: '',
						placeholder: 'e.g. Approved',
						description: 'The name of the status, as defined in the workspace settings',
						displayOptions: { show: { statusAction: ['set'] } },
					},
				],
			},
		],
	},
];
