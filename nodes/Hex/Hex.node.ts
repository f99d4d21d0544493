import type { INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as listSearch from './listSearch';
import { cellDescription } from './resources/cell';
import { collectionDescription } from './resources/collection';
import { customApiCallDescription } from './resources/customApiCall';
import { dataConnectionDescription } from './resources/dataConnection';
import { embeddingDescription } from './resources/embedding';
import { groupDescription } from './resources/group';
import { guideDescription } from './resources/guide';
import { projectDescription } from './resources/project';
import { runDescription } from './resources/run';
import { semanticProjectDescription } from './resources/semanticProject';
import { threadDescription } from './resources/thread';
import { topicDescription } from './resources/topic';
import { userDescription } from './resources/user';
import { HEX_BASE_URL_EXPRESSION } from './shared/baseUrl';
import { actionSubtitle } from './shared/descriptions';
import { withHexRouting } from './shared/routing';

/** The fields as each resource declares them; `withHexRouting` adds the shared routing. */
const HEX_PROPERTIES: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Cell', value: 'cell' },
			{ name: 'Collection', value: 'collection' },
			{ name: 'Data Connection', value: 'dataConnection' },
			{ name: 'Embedding', value: 'embedding' },
			{ name: 'Group', value: 'group' },
			{ name: 'Guide', value: 'guide' },
			// Not "Custom API Call": n8n adds an entry of that name to every node with credentials.
			{
				name: 'Hex API Request',
				value: 'customApiCall',
				description:
					'Call any Hex API route by its /v1/ path with this credential. Use it rather than Custom API Call, which needs a full URL.',
			},
			{ name: 'Project', value: 'project' },
			{ name: 'Run', value: 'run' },
			{ name: 'Semantic Project', value: 'semanticProject' },
			{ name: 'Thread', value: 'thread' },
			{ name: 'Topic', value: 'topic' },
			{ name: 'User', value: 'user' },
		],
		default: 'run',
	},
	...userDescription,
	...projectDescription,
	...runDescription,
	...dataConnectionDescription,
	...groupDescription,
	...collectionDescription,
	...cellDescription,
	...threadDescription,
	...topicDescription,
	...guideDescription,
	...semanticProjectDescription,
	...embeddingDescription,
	...customApiCallDescription,
];

export class Hex implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Hex',
		name: 'hex',
		icon: { light: 'file:../../icons/hex.svg', dark: 'file:../../icons/hex.dark.svg' },
		group: ['transform'],
		version: 1,
		// The chosen operation's action, e.g. "Start a run".
		subtitle: actionSubtitle(HEX_PROPERTIES),
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
		properties: withHexRouting(HEX_PROPERTIES),
	};

	// Every picker of listSearch/, by its name.
	methods = { listSearch: { ...listSearch } };
}
