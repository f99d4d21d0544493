import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { searchDataConnections, searchProjects, searchUsers } from './listSearch';
import { dataConnectionDescription } from './resources/dataConnection';
import { projectDescription } from './resources/project';
import { runDescription } from './resources/run';
import { userDescription } from './resources/user';
import { HEX_BASE_URL_EXPRESSION } from './shared/baseUrl';
import { withHexRouting } from './shared/routing';

export class Hex implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Hex',
		name: 'hex',
		icon: { light: 'file:../../icons/hex.svg', dark: 'file:../../icons/hex.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Run Hex projects and manage users, projects, runs and data connections',
		defaults: { name: 'Hex' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'hexApi', required: true }],
		requestDefaults: {
			baseURL: HEX_BASE_URL_EXPRESSION,
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
			arrayFormat: 'repeat',
		},
		properties: withHexRouting([
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Data Connection', value: 'dataConnection' },
					{ name: 'Project', value: 'project' },
					{ name: 'Run', value: 'run' },
					{ name: 'User', value: 'user' },
				],
				default: 'run',
			},
			...userDescription,
			...projectDescription,
			...runDescription,
			...dataConnectionDescription,
		]),
	};

	methods = {
		listSearch: { searchDataConnections, searchProjects, searchUsers },
	};
}
