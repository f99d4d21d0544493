import type { INodeProperties } from 'n8n-workflow';

import { collectionFieldOptions } from './collectionRequest';

const show = { resource: ['collection'], operation: ['update'] };

const nameField: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	default: '',
	description: 'A new name for the collection',
};

export const updateFields: INodeProperties[] = [
	{
		displayName: 'Update Fields',
		name: 'collectionUpdateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [...collectionFieldOptions(), nameField].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	},
];
