import type { INodeProperties } from 'n8n-workflow';

import { projectLocator } from '../../shared/descriptions';
import { inputParameterFields } from '../../shared/projectInputParameters';
import {
	EMBEDDING_FIELDS,
	EMBEDDING_INPUT_PARAMETERS,
	MAX_EXPIRES_IN_MS,
} from './embeddingRequest';

const show = { resource: ['embedding'], operation: ['createPresignedUrl'] };

export const createPresignedUrlFields: INodeProperties[] = [
	// Its own name: n8n evaluates every property named like a parameter, shown or not.
	projectLocator(
		show,
		'The published app to embed. Pick it, paste its link, or enter its ID.',
		'embeddingProjectId',
	),
	...inputParameterFields(
		show,
		{
			none: "Use the app's default inputs",
			mode: 'Default values for the inputs of the embedded app',
			fields: 'Default values for input variables of the app, by name',
			json: 'A JSON object of input variable names and default values',
		},
		EMBEDDING_INPUT_PARAMETERS,
	),
	{
		displayName: 'Additional Fields',
		name: EMBEDDING_FIELDS,
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Expires In (Ms)',
				name: 'expiresIn',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_EXPIRES_IN_MS },
				default: 15000,
				description:
					'How long the single-use URL may wait before it is loaded, in milliseconds (Hex’s default 15 000, at most 300 000)',
			},
			{
				displayName: 'Hex User Attributes',
				name: 'hexUserAttributes',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Attribute',
				default: {},
				description:
					'Values the app can read as hex_user_attributes for the viewer (text; other values are sent as JSON text)',
				options: [
					{
						displayName: 'Attribute',
						name: 'attribute',
						values: [
							{
								displayName: 'Name',
								name: 'name',
								type: 'string',
								default: '',
								placeholder: 'e.g. customerId',
							},
							{
								displayName: 'Value',
								name: 'value',
								type: 'string',
								default: '',
								placeholder: 'e.g. acme-42',
							},
						],
					},
				],
			},
			{
				displayName: 'Scope',
				name: 'scope',
				type: 'multiOptions',
				options: [
					{
						name: 'Export CSV',
						value: 'EXPORT_CSV',
						description: 'Allow downloading tables as CSV',
					},
					{
						name: 'Export PDF',
						value: 'EXPORT_PDF',
						description: 'Allow downloading the app as PDF',
					},
				],
				default: [],
				description: 'Extra permissions for the viewer of the embedded app',
			},
			{
				displayName: 'Test Mode',
				name: 'testMode',
				type: 'boolean',
				default: false,
				description:
					'Whether to create a test URL: the app does not run, and it counts toward neither rate limits nor embedding usage',
			},
		],
	},
	{
		displayName: 'Display Options',
		name: 'displayOptions',
		type: 'collection',
		placeholder: 'Add Display Option',
		default: {},
		description: 'How the embedded app looks',
		displayOptions: { show },
		options: [
			{
				displayName: 'No Embed Base Padding',
				name: 'noEmbedBasePadding',
				type: 'boolean',
				default: false,
				description: 'Whether to remove the padding around the embedded app',
			},
			{
				displayName: 'No Embed Footer',
				name: 'noEmbedFooter',
				type: 'boolean',
				default: false,
				description: 'Whether to remove the Hex-branded footer at the bottom',
			},
			{
				displayName: 'No Embed Header Padding',
				name: 'noEmbedHeaderPadding',
				type: 'boolean',
				default: false,
				description: 'Whether to remove the top padding of apps without tabs',
			},
			{
				displayName: 'No Embed Outline',
				name: 'noEmbedOutline',
				type: 'boolean',
				default: false,
				description: 'Whether to remove the border around the embedded app',
			},
			{
				displayName: 'Show Embedded Run Button',
				name: 'showEmbeddedRunButton',
				type: 'boolean',
				default: false,
				description: 'Whether the run button always shows in the navigation bar of the app',
			},
			{
				displayName: 'Theme',
				name: 'theme',
				type: 'options',
				options: [
					{ name: 'Dark', value: 'dark' },
					{ name: 'Light', value: 'light' },
				],
				default: 'light',
				description: 'The color theme of the embedded app',
			},
		],
	},
];
