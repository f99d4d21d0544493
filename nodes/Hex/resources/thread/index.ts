import type { INodeProperties } from 'n8n-workflow';

import { anyIdLink, hexIdLocator, returnAllAndLimitFor } from '../../shared/descriptions';
import { cursorPagination, pagedGet } from '../../shared/pagination';
import { createFields } from './create';
import { getAllFields } from './getAll';
import { getMessagesFields } from './getMessages';
import { threadMessagesPagination } from './messagesPagination';
import { waitUntilIdle, waitUntilIdleFields } from './threadWait';
import { buildContinueThreadBody, buildCreateThreadBody } from './threadRequest';

const showOnlyForThreads = { resource: ['thread'] };
const showForPrompts = { ...showOnlyForThreads, operation: ['create', 'continue'] };

export const threadDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForThreads },
		options: [
			{
				name: 'Continue',
				value: 'continue',
				action: 'Continue a thread',
				description: 'Send a follow-up prompt to an idle thread of the Hex agent',
				routing: {
					request: { method: 'POST', url: '/v1/threads/{threadId}/followup' },
					send: { preSend: [buildContinueThreadBody] },
					output: { postReceive: [waitUntilIdle] },
				},
			},
			{
				name: 'Create',
				value: 'create',
				action: 'Create a thread',
				description: 'Ask the Hex agent a question in a new thread; it answers asynchronously',
				routing: {
					request: { method: 'POST', url: '/v1/threads' },
					send: { preSend: [buildCreateThreadBody] },
					output: { postReceive: [waitUntilIdle] },
				},
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a thread',
				description: 'Get the status, response and details of a thread',
				routing: { request: { method: 'GET', url: '/v1/threads/{threadId}' } },
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many threads',
				description:
					'List the agent threads of the workspace, newest first (Manager role or higher)',
				routing: pagedGet('/v1/threads', cursorPagination('threads', 100)),
			},
			{
				name: 'Get Messages',
				value: 'getMessages',
				action: 'Get the messages of a thread',
				description:
					'List the messages of a thread, oldest first; a Limit keeps the most recent ones',
				routing: pagedGet('/v1/threads/{threadId}/messages', threadMessagesPagination),
			},
		],
		default: 'create',
	},
	hexIdLocator({
		displayName: 'Thread',
		name: 'threadId',
		description: 'The Hex agent thread. Pick it, paste its link, or enter its ID.',
		show: { ...showOnlyForThreads, operation: ['get', 'getMessages', 'continue'] },
		searchListMethod: 'searchThreads',
		byUrl: anyIdLink('e.g. https://app.hex.tech/acme/threads/5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c'),
	}),
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		placeholder: 'e.g. Which regions grew revenue fastest last quarter?',
		description:
			'The question or task for the Hex agent. To continue a thread, the thread must be idle.',
		displayOptions: { show: showForPrompts },
	},
	{
		displayName: 'Attachments',
		name: 'attachments',
		type: 'collection',
		placeholder: 'Add Attachment',
		default: {},
		description: 'Hex objects the prompt refers to',
		displayOptions: { show: showForPrompts },
		options: [
			{
				displayName: 'Data Connection ID',
				name: 'dataConnectionId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c',
				description: 'The data connection the prompt refers to',
			},
			{
				displayName: 'Project IDs',
				name: 'projectIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. 5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c',
				description: 'Projects the prompt refers to (comma-separated IDs)',
			},
			{
				displayName: 'Semantic Dataset IDs',
				name: 'semanticDatasetIds',
				type: 'string',
				default: '',
				description: 'Semantic datasets the prompt refers to (comma-separated IDs)',
			},
			{
				displayName: 'Semantic View IDs',
				name: 'semanticViewIds',
				type: 'string',
				default: '',
				description: 'Semantic views the prompt refers to (comma-separated IDs)',
			},
			{
				displayName: 'Table IDs',
				name: 'tableIds',
				type: 'string',
				default: '',
				description: 'Tables the prompt refers to (comma-separated IDs)',
			},
		],
	},
	...createFields,
	...waitUntilIdleFields(showForPrompts),
	...returnAllAndLimitFor('thread', ['getAll', 'getMessages']),
	...getAllFields,
	...getMessagesFields,
];
