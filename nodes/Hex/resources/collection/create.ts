import type { INodeProperties } from 'n8n-workflow';

import { buildCreateCollectionBody, collectionFieldOptions } from './collectionRequest';

const show = { resource: ['collection'], operation: ['create'] };

export const createFields: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'collectionName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Finance Dashboards',
		description: 'The name of the new collection',
		displayOptions: { show },
		routing: { send: { preSend: [buildCreateCollectionBody] } },
	},
	{
		displayName: 'Additional Fields',
		name: 'collectionAdditionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: collectionFieldOptions(),
	},
];
