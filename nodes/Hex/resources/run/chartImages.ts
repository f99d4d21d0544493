import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { bodyOf, hexStatusOf, sendToHex, withSentence } from '../../shared/hexRequest';
import { cursorPages, fetchPage } from '../../shared/pagination';
import { isHexId } from '../../shared/pathParameters';
import {
	chartImageOf,
	chartImageQueryOf,
	extensionOf,
	readBinaryPropertyName,
} from '../cell/chartImage';
import { isFinalRunStatus } from './runOutput';

/** The chart cell types of ListCells' `cellType` enum: chart cells and legacy (Vega) charts. */
const CHART_CELL_TYPES: readonly string[] = ['CHART', 'VEGA_CHART'];
/** ListCells' largest page. */
const CELLS_PAGE_SIZE = 100;
/** Longest file name kept from a chart's label. */
const MAX_FILE_NAME_LENGTH = 100;

interface ChartCell {
	label: string | null;
	staticId: string;
	cellId: string;
}

/** The project and run IDs of the resolved GetRunStatus route (validated when it was filled). */
function runIdsOf(context: IExecutePaginationFunctions, url: string) {
	const match = /\/v1\/projects\/([^/?#]+)\/runs\/([^/?#]+)$/.exec(url);
	if (!match) {
		throw new NodeOperationError(context.getNode(), `Unexpected run route: ${url}`);
	}
	return { projectId: decodeURIComponent(match[1]), runId: decodeURIComponent(match[2]) };
}

/** Fails unless the run completed: Hex renders chart images only for completed runs. */
function requireCompleted(context: IExecutePaginationFunctions, run: IDataObject): void {
	if (run.status === 'COMPLETED') return;
	const status = typeof run.status === 'string' ? run.status : 'unknown';
	const advice = isFinalRunStatus(run.status)
		? 'The run ended without completing, so it has no chart images.'
		: 'Wait for the run first: Run → Start with Wait for Completion on, or Run → Wait for Completion.';
	const url = typeof run.runUrl === 'string' ? ` Run: ${run.runUrl}` : '';
	throw new NodeOperationError(
		context.getNode(),
		`The run has not completed (status ${status}), so it has no chart images`,
		{ description: `Hex renders chart images only for completed runs. ${advice}${url}` },
	);
}

/** The chart cells of the project's draft, in notebook order, whose label contains `labelContains`. */
async function chartCells(
	context: IExecutePaginationFunctions,
	resultOptions: DeclarativeRestApiSettings.ResultOptions,
	projectId: string,
	labelContains: string,
): Promise<ChartCell[]> {
	const listCells = {
		...resultOptions,
		options: { ...resultOptions.options, url: '/v1/cells', qs: { projectId } },
	};
	const charts: ChartCell[] = [];
	const walk = cursorPages((cursor) =>
		fetchPage(context, listCells, { limit: CELLS_PAGE_SIZE, ...cursor }, 'values'),
	);
	for await (const cells of walk) {
		for (const cell of cells) {
			if (!CHART_CELL_TYPES.includes(String(cell.cellType))) continue;
			const label = typeof cell.label === 'string' ? cell.label : null;
			if (labelContains !== '' && !(label ?? '').toLowerCase().includes(labelContains)) continue;
			if (!isHexId(cell.staticId)) {
				throw new NodeOperationError(
					context.getNode(),
					'Hex listed a chart cell without a valid static ID',
					{
						description: `The cell ${JSON.stringify(cell.id)} has the static ID ${JSON.stringify(cell.staticId)}, not a Hex ID (a UUID), so its image was not requested.`,
					},
				);
			}
			charts.push({ label, staticId: cell.staticId, cellId: String(cell.id) });
		}
	}
	return charts;
}

/** A file name from the chart's label (characters file systems refuse become spaces), unique. */
function fileNameOf(chart: ChartCell, extension: string, taken: Set<string>): string {
	const cleaned = [...(chart.label ?? '')]
		.map((character) =>
			character.charCodeAt(0) < 32 || '<>:"/\\|?*\u007f'.includes(character) ? ' ' : character,
		)
		.join('')
		.replace(/\s+/g, ' ')
		.trim()
		.slice(0, MAX_FILE_NAME_LENGTH)
		.trim();
	const base = cleaned === '' ? `chart-${chart.staticId}` : cleaned;
	let name = `${base}.${extension}`;
	for (let copy = 2; taken.has(name.toLowerCase()); copy++) name = `${base} (${copy}).${extension}`;
	taken.add(name.toLowerCase());
	return name;
}

/**
 * The "pagination" of Run → Get Chart Images: the run's status (the operation's own request), the
 * chart cells of the project's draft (ListCells), then each chart's image as the run rendered it,
 * one request after the other through sendToHex (a 429 of the chart-image limit, 20 a minute, is
 * waited out). One item per chart, the image as binary data; charts of the draft that the run's
 * version does not have (Hex answers 404) are skipped and listed in every item's `skippedCharts`.
 */
export async function chartImagesOfRun(
	this: IExecutePaginationFunctions,
	resultOptions: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	// Every parameter is read and checked before the first request.
	const binaryPropertyName = readBinaryPropertyName(this);
	const imageQuery = chartImageQueryOf(this, this.getNodeParameter('options', {}) as IDataObject);
	const labelContains = String(this.getNodeParameter('filters.labelContains', '') ?? '')
		.trim()
		.toLowerCase();
	const runRoute = String(resultOptions.options.url ?? '');
	const { projectId, runId } = runIdsOf(this, runRoute);
	const signal = this.getExecutionCancelSignal();

	requireCompleted(this, bodyOf(this, await sendToHex(this, resultOptions.options, { signal })));
	const charts = await chartCells(this, resultOptions, projectId, labelContains);

	const items: INodeExecutionData[] = [];
	const skipped: IDataObject[] = [];
	const taken = new Set<string>();
	for (const chart of charts) {
		const request = {
			...resultOptions.options,
			url: `${runRoute}/cells/${encodeURIComponent(chart.staticId)}/image`,
			qs: imageQuery,
		};
		let answer: IDataObject;
		try {
			answer = bodyOf(this, await sendToHex(this, request, { signal }));
		} catch (error) {
			// The chart is in the draft but not in the version the run ran (added since).
			if (hexStatusOf(error) !== 404) throw withSentence(this, error);
			skipped.push({ ...chart });
			continue;
		}
		// Stored right away (on disk or S3 in those binary modes), not kept as base64.
		const { image, mimeType } = chartImageOf(this, answer);
		const fileName = fileNameOf(chart, extensionOf(mimeType), taken);
		const binary = await this.helpers.prepareBinaryData(image, fileName, mimeType);
		items.push({
			json: { projectId, runId, ...chart, mimeType },
			binary: { [binaryPropertyName]: binary },
		});
	}
	for (const item of items) item.json.skippedCharts = skipped.map((chart) => ({ ...chart }));
	return items;
}
