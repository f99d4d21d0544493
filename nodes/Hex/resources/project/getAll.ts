import type { INodeProperties } from 'n8n-workflow';

import { sortCollection } from '../../shared/descriptions';

const show = { resource: ['project'], operation: ['getAll'] };
const listOfNames =
	'={{ String($value).split(",").map(name => name.trim()).filter(name => name) }}';

export const getAllFields: INodeProperties[] = [
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Categories',
				name: 'categories',
				type: 'string',
				default: '',
				placeholder: 'e.g. Finance, Marketing',
				description: 'Only projects in any of these categories (comma-separated names)',
				routing: { send: { type: 'query', property: 'categories', value: listOfNames } },
			},
			{
				displayName: 'Collection ID',
				name: 'collectionId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c',
				description: 'Only projects in this collection',
				routing: { send: { type: 'query', property: 'collectionId' } },
			},
			{
				displayName: 'Creator Email',
				name: 'creatorEmail',
				type: 'string',
				default: '',
				placeholder: 'e.g. nathan@example.com',
				description: 'Only projects created by this user',
				routing: { send: { type: 'query', property: 'creatorEmail' } },
			},
			{
				displayName: 'Include Archived',
				name: 'includeArchived',
				type: 'boolean',
				default: false,
				description: 'Whether to include archived projects',
				routing: { send: { type: 'query', property: 'includeArchived' } },
			},
			{
				displayName: 'Include Components',
				name: 'includeComponents',
				type: 'boolean',
				default: false,
				description: 'Whether to include components as well as projects',
				routing: { send: { type: 'query', property: 'includeComponents' } },
			},
			{
				displayName: 'Include Sharing',
				name: 'includeSharing',
				type: 'boolean',
				default: false,
				description: 'Whether to include who each project is shared with',
				routing: { send: { type: 'query', property: 'includeSharing' } },
			},
			{
				displayName: 'Include Trashed',
				name: 'includeTrashed',
				type: 'boolean',
				default: false,
				description: 'Whether to include projects in the trash',
				routing: { send: { type: 'query', property: 'includeTrashed' } },
			},
			{
				displayName: 'Owner Email',
				name: 'ownerEmail',
				type: 'string',
				default: '',
				placeholder: 'e.g. nathan@example.com',
				description: 'Only projects owned by this user',
				routing: { send: { type: 'query', property: 'ownerEmail' } },
			},
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'string',
				default: '',
				placeholder: 'e.g. Approved, In Review',
				description: 'Only projects with any of these statuses (comma-separated names)',
				routing: { send: { type: 'query', property: 'statuses', value: listOfNames } },
			},
		],
	},
	sortCollection(
		show,
		[
			{ name: 'Created At', value: 'CREATED_AT' },
			{ name: 'Last Edited At', value: 'LAST_EDITED_AT' },
			{ name: 'Last Published At', value: 'LAST_PUBLISHED_AT' },
		],
		{ sortBy: 'CREATED_AT', sortDirection: 'DESC' },
	),
];
