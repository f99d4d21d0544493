import type { INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { searchProjects } from '../Hex/listSearch';
import { projectLocator } from '../Hex/shared/descriptions';
import { pollNewProject } from './newProject';
import { DEFAULT_MAX_REQUESTS_PER_POLL, pollRunFinished } from './runFinished';

const runFinished = { event: ['runFinished'] };

export class HexTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Hex Trigger',
		name: 'hexTrigger',
		icon: { light: 'file:../../icons/hex.svg', dark: 'file:../../icons/hex.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"] === "newProject" ? "New Project" : "Run Finished"}}',
		// n8n's node creator merges Hex and Hex Trigger into one entry that shows this text, for
		// actions too: so it speaks for both nodes.
		description:
			'Run Hex projects, manage the workspace, and start workflows when a run finishes or a project is created',
		defaults: { name: 'Hex Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'hexApi', required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'New Project',
						value: 'newProject',
						description: 'A project was created in the workspace',
					},
					{
						name: 'Run Finished',
						value: 'runFinished',
						description: 'A run of a published project completed, errored or was stopped',
					},
				],
				default: 'runFinished',
			},
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: [
					{ name: 'Completed', value: 'COMPLETED' },
					{ name: 'Errored', value: 'ERRORED' },
					{ name: 'Killed', value: 'KILLED' },
					{ name: 'Unable to Allocate Kernel', value: 'UNABLE_TO_ALLOCATE_KERNEL' },
				],
				default: ['COMPLETED', 'ERRORED', 'KILLED', 'UNABLE_TO_ALLOCATE_KERNEL'],
				description: 'Final statuses that start the workflow. None selected means any of them.',
				displayOptions: { show: runFinished },
			},
			{
				displayName: 'Projects to Watch',
				name: 'projectScope',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'All Projects',
						value: 'all',
						description:
							'Every published project the token can see. Each poll reads one page of the project list and the runs of the projects whose turn it is.',
					},
					{
						name: 'Selected Projects',
						value: 'selected',
						description: 'Only the projects chosen below: one request per project and poll',
					},
				],
				default: 'all',
				displayOptions: { show: runFinished },
			},
			{
				displayName:
					'Each poll reads one page of the project list (100 projects) and then one project per request, up to Max Requests per Poll; the next poll goes on with the projects left, so with many projects a finished run is seen later (never missed). Projects with a schedule in Hex are read first once it fires, until the scheduled run has finished. Select the projects to watch to see other runs sooner.',
				name: 'budgetNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { ...runFinished, projectScope: ['all'] } },
			},
			{
				displayName: 'Projects',
				name: 'projects',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Project',
				default: {},
				description: 'The published projects whose runs to watch',
				displayOptions: { show: { ...runFinished, projectScope: ['selected'] } },
				options: [
					{
						displayName: 'Project',
						name: 'project',
						values: [
							projectLocator(
								{},
								'A published Hex project. Pick it, paste its link, or enter its ID.',
							),
						],
					},
				],
			},
			{
				displayName: 'Run Trigger',
				name: 'runTrigger',
				type: 'options',
				options: [
					{ name: 'All', value: 'ALL', description: 'Runs started in any way' },
					{ name: 'API', value: 'API', description: 'Runs started through the API' },
					{
						name: 'App Refresh',
						value: 'APP_REFRESH',
						description: 'Runs started by publishing or refreshing the app',
					},
					{ name: 'Scheduled', value: 'SCHEDULED', description: 'Runs started by a schedule' },
				],
				default: 'ALL',
				description: 'Which runs to watch, by how they were started',
				displayOptions: { show: runFinished },
			},
			{
				displayName: 'Max Requests per Poll',
				name: 'maxRequestsPerPoll',
				type: 'number',
				typeOptions: { minValue: 1, numberPrecision: 0 },
				default: DEFAULT_MAX_REQUESTS_PER_POLL,
				description:
					'The most requests one poll, or Fetch Test Event, sends to Hex. Hex allows about 30 a minute per token, shared by every workflow that uses it; projects that do not fit are read at the next polls, in turn.',
				displayOptions: { show: runFinished },
			},
			{
				displayName: 'Include Components',
				name: 'includeComponents',
				type: 'boolean',
				default: false,
				description: 'Whether to also start the workflow when a component is created',
				displayOptions: { show: { event: ['newProject'] } },
			},
		],
	};

	methods = {
		listSearch: { searchProjects },
	};

	async poll(this: IPollFunctions) {
		if (this.getNodeParameter('event') === 'newProject') return await pollNewProject.call(this);
		return await pollRunFinished.call(this);
	}
}
