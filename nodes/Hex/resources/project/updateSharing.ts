import type { INodeProperties } from 'n8n-workflow';

import { projectLocator } from '../../shared/descriptions';
import { sharingOptions } from './sharingFields';
import { PROJECT_ACCESS_OPTIONS } from './sharingRequest';

const operation = 'updateWorkspaceAndPublicAccess';
const show = { resource: ['project'], operation: [operation] };

const LEVELS = [
	...PROJECT_ACCESS_OPTIONS,
	{ name: 'Keep Current', value: 'keep', description: 'Leave this access unchanged' },
].sort((a, b) => a.name.localeCompare(b.name));

export const updateSharingFields: INodeProperties[] = [
	projectLocator(show),
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
	sharingOptions(operation),
];
