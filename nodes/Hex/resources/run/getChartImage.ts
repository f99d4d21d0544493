import type { INodeProperties } from 'n8n-workflow';

import { projectLocator } from '../../shared/descriptions';
import { chartImageFields, chartImageQuery } from '../cell/chartImage';
import { runIdField } from './runId';

const show = { resource: ['run'], operation: ['getChartImage'] };

export const getChartImageFields: INodeProperties[] = [
	{
		...projectLocator(
			show,
			'The project the run belongs to. Pick it, paste its link, or enter its ID.',
		),
		routing: { send: { preSend: [chartImageQuery] } },
	},
	runIdField(show),
	{
		displayName: 'Cell Static ID',
		name: 'staticId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c',
		description:
			'The static ID of the chart cell: it stays the same across project versions (Cell → Get shows it as staticId), unlike the cell ID',
		displayOptions: { show },
	},
	...chartImageFields(show),
];
