import type { INodeProperties } from 'n8n-workflow';

import { GITHUB_BASE, GITHUB_OWNER, GITHUB_REPO } from './externalSource';
import { buildUpsertDraftBody } from './guideRequests';

const show = { resource: ['guide'], operation: ['upsertDraft'] };
const github = { externalSource: ['github'] };

export const upsertDraftFields: INodeProperties[] = [
	{
		displayName: 'Files From',
		name: 'filesFrom',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show },
		options: [
			{ name: 'Using Fields Below', value: 'fields', description: 'Enter each file' },
			{
				name: 'Using JSON',
				value: 'json',
				description: 'Enter a list of files, e.g. built from the input items with an expression',
			},
		],
		default: 'fields',
		routing: { send: { preSend: [buildUpsertDraftBody] } },
	},
	{
		displayName: 'Files',
		name: 'files',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add File',
		default: {},
		description:
			'The guide files to write. A new path creates a guide; an existing one gets a new or updated draft.',
		displayOptions: { show: { ...show, filesFrom: ['fields'] } },
		options: [
			{
				displayName: 'File',
				name: 'file',
				values: [
					{
						displayName: 'Contents',
						name: 'contents',
						type: 'string',
						typeOptions: { rows: 6 },
						default: '',
						description: 'The text of the guide (Markdown), at most 100 000 characters',
					},
					{
						displayName: 'External Source',
						name: 'externalSource',
						type: 'options',
						options: [
							{
								name: 'GitHub',
								value: 'github',
								description: 'The file comes from a GitHub repository',
							},
							{ name: 'None', value: 'none', description: 'Do not record a source' },
							{
								name: 'Unknown Source',
								value: 'unknown',
								description: 'The file comes from another system',
							},
						],
						default: 'none',
						description: 'Where the file is authored; Hex expects later updates from there',
					},
					{
						displayName: 'File Path',
						name: 'filePath',
						type: 'string',
						default: '',
						placeholder: 'e.g. sales/definitions.md',
						description: 'The path of the guide file in Hex',
					},
					{ ...GITHUB_BASE, displayOptions: { show: github } },
					{
						displayName: 'GitHub Branch',
						name: 'branch',
						type: 'string',
						default: '',
						placeholder: 'e.g. main',
						description: 'The branch this version of the file comes from',
						displayOptions: { show: github },
					},
					{
						displayName: 'GitHub Commit Hash',
						name: 'commitHash',
						type: 'string',
						default: '',
						placeholder: 'e.g. 3f1c2b9e8d7a6c5b4a39281706f5e4d3c2b1a098',
						description: 'The commit this version of the file comes from',
						displayOptions: { show: github },
					},
					{ ...GITHUB_OWNER, displayOptions: { show: github } },
					{
						displayName: 'GitHub Path',
						name: 'path',
						type: 'string',
						default: '',
						placeholder: 'e.g. guides/sales/definitions.md',
						description:
							'The path of the file in the repository; empty means the same as File Path',
						displayOptions: { show: github },
					},
					{ ...GITHUB_REPO, displayOptions: { show: github } },
					{
						displayName: 'Source ID',
						name: 'sourceId',
						type: 'string',
						default: '',
						description: 'An ID that tells this source apart from other unknown sources',
						displayOptions: { show: { externalSource: ['unknown'] } },
					},
				],
			},
		],
	},
	{
		displayName: 'Files (JSON)',
		name: 'filesJson',
		type: 'json',
		default: '[{"filePath": "guide.md", "contents": "# Guide"}]',
		description:
			'A list of files: {"filePath", "contents", "externalSource"?}. A single object is one file. More than 20 files are sent in batches of 20.',
		displayOptions: { show: { ...show, filesFrom: ['json'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Force Write',
				name: 'forceWrite',
				type: 'boolean',
				default: false,
				description:
					'Whether to overwrite a guide of the same path that comes from another source (for example one written in Hex)',
			},
		],
	},
];
