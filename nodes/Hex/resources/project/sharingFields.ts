import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { SharingTarget } from './sharingRequest';
import { buildSharingUpsertBody, SHARING_CHUNK_SIZE } from './sharingRequest';

/** Hex's AccessLevelEnum, named as Hex's sharing dialog names the levels. */
const PROJECT_ACCESS_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Can Edit', value: 'CAN_EDIT', description: 'Edit the notebook (CAN_EDIT)' },
	{
		name: 'Can Explore',
		value: 'CAN_VIEW',
		description: 'View the app and explore its logic (CAN_VIEW)',
	},
	{ name: 'Can View App', value: 'APP_ONLY', description: 'View the published app (APP_ONLY)' },
	{
		name: 'Full Access',
		value: 'FULL_ACCESS',
		description: 'Edit and manage sharing (FULL_ACCESS)',
	},
	{ name: 'None (Remove Access)', value: 'NONE', description: 'Remove the access (NONE)' },
];

/** IDs and access level of Share with Users / Groups / Collections. */
export function shareWithFields(operation: string, target: SharingTarget): INodeProperties[] {
	const show = { resource: ['project'], operation: [operation] };
	return [
		{
			displayName: target.label,
			name: `${target.item}Ids`,
			type: 'string',
			required: true,
			default: '',
			placeholder:
				'e.g. 5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c, 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
			description: `The ${target.list} to give the access to (comma-separated IDs, or a list from an expression). More than ${SHARING_CHUNK_SIZE} are sent in several requests of ${SHARING_CHUNK_SIZE}.`,
			displayOptions: { show },
			routing: { send: { preSend: [buildSharingUpsertBody(target)] } },
		},
		{
			displayName: 'Access',
			name: 'access',
			type: 'options',
			options: PROJECT_ACCESS_OPTIONS,
			default: 'APP_ONLY',
			description: `The access level every listed ${target.item} gets; "None" removes their access`,
			displayOptions: { show },
		},
	];
}

/** Update Workspace and Public Access: the two levels, each may stay as it is. */
const workspaceAndPublic = { resource: ['project'], operation: ['updateWorkspaceAndPublicAccess'] };
const LEVELS = [
	...PROJECT_ACCESS_OPTIONS,
	{ name: 'Keep Current', value: 'keep', description: 'Leave this access unchanged' },
].sort((a, b) => a.name.localeCompare(b.name));

export const updateSharingFields: INodeProperties[] = [
	{
		displayName: 'Workspace Access',
		name: 'workspaceAccess',
		type: 'options',
		options: LEVELS,
		default: 'keep',
		description: 'The access every member of the workspace gets',
		displayOptions: { show: workspaceAndPublic },
	},
	{
		displayName: 'Public Web Access',
		name: 'publicWebAccess',
		type: 'options',
		options: LEVELS,
		default: 'keep',
		description: 'The access anyone with the link gets, without logging in to Hex',
		displayOptions: { show: workspaceAndPublic },
	},
];

/** "Options → Ignore Per-Item Errors" of the sharing operations. */
export function sharingOptions(operations: string[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['project'], operation: operations } },
		options: [
			{
				displayName: 'Ignore Per-Item Errors',
				name: 'ignorePerItemErrors',
				type: 'boolean',
				default: false,
				description:
					'Whether to output the project and the errors Hex reported for single entries (in "errors") instead of failing the item',
			},
		],
	};
}
