import type { INodeProperties } from 'n8n-workflow';

import { projectLocator } from '../../shared/descriptions';
import { offsetPagination, pagedGet } from '../../shared/pagination';
import { chartImageFields, chartImageQuery, chartImageToBinary } from '../cell/chartImage';
import { chartImagesOfRun } from './chartImages';
import { getFields } from './get';
import { getAllFields } from './getAll';
import { getChartImageFields } from './getChartImage';
import { getChartImagesFields } from './getChartImages';
import { addRunFinished, cancelledRun } from './runOutput';
import { buildRunProjectBody } from './runRequest';
import { RUN_PROJECT_ID } from './runProject';
import { startFields } from './start';
import { waitAfterStart, waitForExistingRun } from './runWait';
import { waitSettingsFields } from './waitSettings';

const showOnlyForRuns = { resource: ['run'] };

export const runDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForRuns },
		options: [
			{
				name: 'Cancel',
				value: 'cancel',
				action: 'Cancel a run',
				description: 'Stop a running project run and free its kernel',
				routing: {
					request: { method: 'DELETE', url: '/v1/projects/{runProjectId}/runs/{runId}' },
					output: { postReceive: [cancelledRun] },
				},
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a run',
				description: 'Get the status of a run',
				routing: {
					request: { method: 'GET', url: '/v1/projects/{runProjectId}/runs/{runId}' },
					output: { postReceive: [addRunFinished] },
				},
			},
			{
				name: 'Get Chart Image',
				value: 'getChartImage',
				action: 'Get a chart image of a run',
				description: 'Get a chart cell as rendered by a completed run, as an image (binary)',
				routing: {
					request: {
						method: 'GET',
						url: '/v1/projects/{runProjectId}/runs/{runId}/cells/{staticId}/image',
					},
					send: { preSend: [chartImageQuery] },
					output: { postReceive: [chartImageToBinary] },
				},
			},
			{
				name: 'Get Chart Images',
				value: 'getChartImages',
				action: 'Get the chart images of a run',
				description: 'Get every chart of a completed run as an image (binary), one item per chart',
				// The run's status first; the paginator then lists the charts and gets each image.
				routing: pagedGet('/v1/projects/{runProjectId}/runs/{runId}', chartImagesOfRun),
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many runs',
				description: 'List the runs of a project, newest first',
				routing: pagedGet(
					'/v1/projects/{runProjectId}/runs',
					offsetPagination('runs', 100, 'runId'),
				),
			},
			{
				name: 'Start',
				value: 'start',
				action: 'Start a run',
				description: 'Run the latest published version of a project',
				routing: {
					request: { method: 'POST', url: '/v1/projects/{runProjectId}/runs' },
					send: { preSend: [buildRunProjectBody] },
					output: { postReceive: [waitAfterStart, addRunFinished] },
				},
			},
			{
				name: 'Wait for Completion',
				value: 'wait',
				action: 'Wait for a run to finish',
				description: 'Poll an existing run until it finishes, then output its final status',
				routing: {
					request: { method: 'GET', url: '/v1/projects/{runProjectId}/runs/{runId}' },
					output: { postReceive: [waitForExistingRun] },
				},
			},
		],
		default: 'start',
	},
	projectLocator(
		{
			...showOnlyForRuns,
			operation: ['start', 'get', 'getAll', 'cancel', 'wait', 'getChartImage', 'getChartImages'],
		},
		'The Hex project. Pick it, paste its link, or enter its ID. A run always uses its latest published version.',
		RUN_PROJECT_ID,
	),
	...startFields,
	{
		displayName: 'Run ID',
		name: 'runId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c',
		description: 'The ID of the run, as returned by Start or Get Many',
		displayOptions: {
			show: {
				...showOnlyForRuns,
				operation: ['get', 'cancel', 'wait', 'getChartImage', 'getChartImages'],
			},
		},
	},
	...getFields,
	...getAllFields,
	...waitSettingsFields({ ...showOnlyForRuns, operation: ['wait'] }),
	...getChartImageFields,
	...getChartImagesFields,
	...chartImageFields({ ...showOnlyForRuns, operation: ['getChartImage', 'getChartImages'] }),
];
