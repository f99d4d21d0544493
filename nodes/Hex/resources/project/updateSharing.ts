import type { INodeProperties } from 'n8n-workflow';

import { PROJECT_ACCESS_OPTIONS } from './sharingRequest';

const show = { resource: ['project'], operation: ['updateWorkspaceAndPublicAccess'] };

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
		displayOptions: { show },
	},
	{
		displayName: 'Public Web Access',
		name: 'publicWebAccess',
		type: 'options',
		options: LEVELS,
		default: 'keep',
		description: 'The access anyone with the link gets, without logging in to Hex',
		displayOptions: { show },
	},
];
