import type { INodeProperties, INodePropertyRouting } from 'n8n-workflow';

import { projectLocator, returnAllAndLimitFor } from '../../shared/descriptions';
import { cursorPagination, pagedGet } from '../../shared/pagination';
import { hexIdInBody } from '../../shared/pathParameters';
import { createFields } from './create';
import { exportFields } from './export';
import { attachExportFile } from './exportFile';
import { getFields } from './get';
import { getAllFields } from './getAll';
import { sharingOptions, shareWithFields, updateSharingFields } from './sharingFields';
import type { SharingTarget } from './sharingRequest';
import {
	buildWorkspaceAndPublicBody,
	SHARING_TARGETS,
	sharingInChunks,
	workspaceAndPublicResult,
} from './sharingRequest';
import { updateFields } from './update';

const showOnlyForProjects = { resource: ['project'] };

/** Share with Users, Groups or Collections: PATCH its sharing list, in chunks Hex accepts. */
function shareRouting(target: SharingTarget): INodePropertyRouting {
	return {
		request: { method: 'PATCH', url: `/v1/projects/{projectId}/sharing/${target.list}` },
		send: { paginate: true },
		operations: { pagination: sharingInChunks(target) },
	};
}

export const projectDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForProjects },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a project',
				description: 'Create an empty project',
				routing: { request: { method: 'POST', url: '/v1/projects' } },
			},
			{
				name: 'Export',
				value: 'export',
				action: 'Export a project',
				description: 'Export a project as a .hex.yaml file (binary and text)',
				routing: {
					request: { method: 'POST', url: '/v1/projects/export' },
					send: { preSend: [hexIdInBody('projectId')] },
					output: { postReceive: [attachExportFile] },
				},
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a project',
				description: 'Get a project by ID',
				routing: { request: { method: 'GET', url: '/v1/projects/{projectId}' } },
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many projects',
				description: 'List the projects the token can see, newest first by default',
				routing: pagedGet('/v1/projects', cursorPagination('values', 100)),
			},
			{
				name: 'Get Queried Tables',
				value: 'getQueriedTables',
				action: 'Get the tables a project queries',
				description: 'List the warehouse tables a published project queries (Enterprise plans)',
				routing: pagedGet(
					'/v1/projects/{projectId}/queriedTables',
					cursorPagination('values', 100),
				),
			},
			{
				name: 'Share with Collections',
				value: 'shareWithCollections',
				action: 'Share a project with collections',
				description:
					'Add the project to collections, change its access in them, or remove it (more than 25 are sent in several requests)',
				routing: shareRouting(SHARING_TARGETS.collections),
			},
			{
				name: 'Share with Groups',
				value: 'shareWithGroups',
				action: 'Share a project with groups',
				description:
					'Give groups access to the project, change it, or remove it (more than 25 are sent in several requests)',
				routing: shareRouting(SHARING_TARGETS.groups),
			},
			{
				name: 'Share with Users',
				value: 'shareWithUsers',
				action: 'Share a project with users',
				description:
					'Give users access to the project, change it, or remove it (more than 25 are sent in several requests)',
				routing: shareRouting(SHARING_TARGETS.users),
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a project',
				description: 'Set or remove the status (including endorsements) of a project',
				routing: { request: { method: 'PATCH', url: '/v1/projects/{projectId}' } },
			},
			{
				name: 'Update Workspace and Public Access',
				value: 'updateWorkspaceAndPublicAccess',
				action: 'Update the workspace and public access of a project',
				description: 'Set the access of all workspace members and of the public web to the project',
				routing: {
					request: {
						method: 'PATCH',
						url: '/v1/projects/{projectId}/sharing/workspaceAndPublic',
					},
					send: { preSend: [buildWorkspaceAndPublicBody] },
					output: { postReceive: [workspaceAndPublicResult] },
				},
			},
		],
		default: 'getAll',
	},
	projectLocator({
		...showOnlyForProjects,
		operation: [
			'get',
			'update',
			'export',
			'getQueriedTables',
			'shareWithUsers',
			'shareWithGroups',
			'shareWithCollections',
			'updateWorkspaceAndPublicAccess',
		],
	}),
	...returnAllAndLimitFor('project', ['getAll', 'getQueriedTables']),
	...getAllFields,
	...getFields,
	...createFields,
	...updateFields,
	...exportFields,
	...shareWithFields('shareWithUsers', SHARING_TARGETS.users),
	...shareWithFields('shareWithGroups', SHARING_TARGETS.groups),
	...shareWithFields('shareWithCollections', SHARING_TARGETS.collections),
	...updateSharingFields,
	sharingOptions([
		'shareWithUsers',
		'shareWithGroups',
		'shareWithCollections',
		'updateWorkspaceAndPublicAccess',
	]),
];
