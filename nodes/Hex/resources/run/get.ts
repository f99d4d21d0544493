import type { INodeProperties } from 'n8n-workflow';

import { expandedStatsHeader } from './runRequest';

const show = { resource: ['run'], operation: ['get'] };

export const getFields: INodeProperties[] = [
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Include Expanded Stats',
				name: 'includeExpandedStats',
				type: 'boolean',
				default: false,
				description: "Whether to include the run's state events and flag configuration override",
				routing: { send: { preSend: [expandedStatsHeader] } },
			},
		],
	},
];
