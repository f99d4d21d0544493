import type { INodeProperties } from 'n8n-workflow';

import { inputParameterFields } from '../../shared/projectInputParameters';
import { checkWaitSettings } from './runWait';
import { waitSettingsFields } from './waitSettings';

const show = { resource: ['run'], operation: ['start'] };

export const startFields: INodeProperties[] = [
	...inputParameterFields(show, {
		none: "Use the published app's default inputs",
		fields:
			'Values for the input variables added to the published app; other names are ignored by Hex',
		json: 'A JSON object of input variable names and values',
	}),
	{
		displayName: 'Notifications',
		name: 'notifications',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Notification',
		default: {},
		description: 'Who Hex tells when the run finishes',
		displayOptions: { show },
		options: [
			{
				displayName: 'Notification',
				name: 'notification',
				// Named so that n8n's required alphabetical order is the order they are filled in:
				// when, who, what, attachment.
				values: [
					{
						displayName: 'Notify When',
						name: 'type',
						type: 'options',
						options: [
							{ name: 'Always', value: 'ALL' },
							{ name: 'On Failure', value: 'FAILURE' },
							{ name: 'On Success', value: 'SUCCESS' },
						],
						default: 'ALL',
						description: 'Which run outcomes send this notification',
					},
					{
						displayName: 'Recipient Group IDs',
						name: 'groupIds',
						type: 'string',
						default: '',
						placeholder: 'e.g. 5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c',
						description: 'Hex groups to notify (comma-separated IDs)',
					},
					{
						displayName: 'Recipient Slack Channel IDs',
						name: 'slackChannelIds',
						type: 'string',
						default: '',
						placeholder: 'e.g. C0123456789',
						description: 'Slack channels to notify (comma-separated channel IDs)',
					},
					{
						displayName: 'Recipient User IDs',
						name: 'userIds',
						type: 'string',
						default: '',
						placeholder: 'e.g. 5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c',
						description: 'Hex users to notify (comma-separated IDs)',
					},
					{
						displayName: 'Subject',
						name: 'subject',
						type: 'string',
						default: '',
						description: 'Subject of the notification',
					},
					{
						displayName: 'Text',
						name: 'body',
						type: 'string',
						default: '',
						description: 'Message text of the notification',
					},
					{
						displayName: 'With Success Screenshot',
						name: 'includeSuccessScreenshot',
						type: 'boolean',
						default: false,
						description: 'Whether to attach a screenshot of the app when the run succeeds',
					},
					{
						displayName: 'With Success Screenshot Format',
						name: 'screenshotFormat',
						type: 'options',
						options: [
							{ name: 'PDF', value: 'pdf' },
							{ name: 'PNG', value: 'png' },
						],
						default: 'png',
					},
				],
			},
		],
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
				displayName: 'Dry Run',
				name: 'dryRun',
				type: 'boolean',
				default: false,
				description:
					'Whether to only validate the request and return a sample response without running',
			},
			{
				displayName: 'Update Published Results',
				name: 'updatePublishedResults',
				type: 'boolean',
				default: false,
				description:
					"Whether to write this run's results to the published app (needs Can Edit access)",
			},
			{
				displayName: 'Use Cached SQL Results',
				name: 'useCachedSqlResults',
				type: 'boolean',
				default: true,
				description: 'Whether SQL cells may reuse cached results; off refreshes them',
			},
			{
				displayName: 'View ID',
				name: 'viewId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c',
				description:
					'Run with the inputs of this saved view; cannot be combined with Input Parameters',
			},
		],
	},
	{
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: false,
		description:
			'Whether to wait until the run finishes and output its final status; a run that errors, is killed or gets no kernel fails the item',
		displayOptions: { show },
		routing: { send: { preSend: [checkWaitSettings] } },
	},
	...waitSettingsFields({ ...show, waitForCompletion: [true] }),
];
