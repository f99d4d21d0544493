import type { INodeProperties } from 'n8n-workflow';

import { buildIngestForm, DEFAULT_ZIP_FIELD } from './semanticRequests';

const show = { resource: ['semanticProject'], operation: ['ingest'] };

export const ingestFields: INodeProperties[] = [
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field containing the .zip file to ingest',
		description: 'The zip of the semantic project (its YAML files), e.g. read from disk or GitHub',
		displayOptions: { show },
		routing: { send: { preSend: [buildIngestForm] } },
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
				displayName: 'Debug',
				name: 'debug',
				type: 'boolean',
				default: false,
				description:
					'Whether Hex adds debug information (the MetricFlow model schemas) to the answer',
			},
			{
				displayName: 'Dry Run',
				name: 'dryRun',
				type: 'boolean',
				default: false,
				description: 'Whether to only validate the zip; nothing is written to the semantic project',
			},
			{
				displayName: 'Verbose',
				name: 'verbose',
				type: 'boolean',
				default: true,
				description: 'Whether Hex lists which parts of the semantic layer were synced',
			},
			{
				displayName: 'Zip Field Name',
				name: 'zipFieldName',
				type: 'string',
				default: DEFAULT_ZIP_FIELD,
				description:
					'The name of the form field that carries the zip. Hex does not document it; change it only if Hex asks for another.',
			},
		],
	},
];
