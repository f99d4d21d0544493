import type {
	IDataObject,
	IDisplayOptions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { fail } from '../../shared/fieldValues';

// Shared by Cell → Get Chart Image (GetChartImageFromLogic), Run → Get Chart Image and Run → Get
// Chart Images (GetChartImageFromRun): the same query parameters and the same answer shape.

const MIN_SIZE = 100;
const MAX_SIZE = 2000;

/** Options (size, title) and the binary field of a chart image operation. */
export function chartImageFields(show: IDisplayOptions['show']): INodeProperties[] {
	return [
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			description: 'The name of the output binary field to put the chart image in',
			displayOptions: { show },
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
					displayName: 'Height (Pixels)',
					name: 'height',
					type: 'number',
					typeOptions: { minValue: MIN_SIZE, maxValue: MAX_SIZE },
					default: 600,
					description: 'Image height, 100–2000; Hex only applies it together with Width',
				},
				{
					displayName: 'Include Title',
					name: 'includeTitle',
					type: 'boolean',
					default: true,
					description: 'Whether to include the chart title in the image',
				},
				{
					displayName: 'Width (Pixels)',
					name: 'width',
					type: 'number',
					typeOptions: { minValue: MIN_SIZE, maxValue: MAX_SIZE },
					default: 800,
					description: 'Image width, 100–2000; Hex only applies it together with Height',
				},
			],
		},
	];
}

function readSize(
	context: IExecuteSingleFunctions,
	value: unknown,
	label: string,
): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const size = Number(value);
	if (!Number.isInteger(size) || size < MIN_SIZE || size > MAX_SIZE) {
		fail(
			context,
			`The "${label}" option must be a whole number from ${MIN_SIZE} to ${MAX_SIZE}, got ${JSON.stringify(value)}`,
			'Hex renders chart images between 100 and 2000 pixels wide and high.',
		);
	}
	return size;
}

/**
 * The query of a chart image request from the Options (width and height, both or neither,
 * 100–2000; includeTitle); refuses bad values before anything is sent.
 */
export function chartImageQueryOf(
	context: IExecuteSingleFunctions,
	options: IDataObject,
): IDataObject {
	const width = readSize(context, options.width, 'Width (Pixels)');
	const height = readSize(context, options.height, 'Height (Pixels)');
	if ((width === undefined) !== (height === undefined)) {
		const missing = width === undefined ? 'Width (Pixels)' : 'Height (Pixels)';
		fail(
			context,
			`The "${missing}" option is missing`,
			'Hex only applies a size when both Width and Height are given: add the other one too, or remove both for the default size.',
		);
	}
	const qs: IDataObject = width === undefined ? {} : { width, height };
	if (typeof options.includeTitle === 'boolean') qs.includeTitle = options.includeTitle;
	return qs;
}

/** Pre-send: the query of `chartImageQueryOf`. */
export async function chartImageQuery(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const options = this.getNodeParameter('options', {}) as IDataObject;
	requestOptions.qs = { ...requestOptions.qs, ...chartImageQueryOf(this, options) };
	return requestOptions;
}

/** The file extension for an image's MIME type: its subtype (`svg` for image/svg+xml), jpeg as jpg. */
export function extensionOf(mimeType: string): string {
	if (mimeType.toLowerCase() === 'image/jpeg') return 'jpg';
	const subtype = /^[\w.-]+\/([\w.-]+)/.exec(mimeType)?.[1];
	return subtype ? subtype.toLowerCase() : 'bin';
}

/** The "Put Output File in Field" parameter, trimmed; an empty one is refused. */
export function readBinaryPropertyName(context: IExecuteSingleFunctions): string {
	const name = String(context.getNodeParameter('binaryPropertyName', 'data')).trim();
	if (name === '') {
		throw new NodeOperationError(
			context.getNode(),
			'The "Put Output File in Field" parameter is empty',
			{
				description: 'Enter the name of the binary field for the chart image, such as "data".',
			},
		);
	}
	return name;
}

/** The answer's `imageBase64` and `mimeType` (image/png when absent); refuses an answer without an image. */
export function chartImageOf(
	context: IExecuteSingleFunctions,
	answer: IDataObject,
): { image: Buffer; mimeType: string } {
	const { imageBase64, mimeType } = answer;
	if (typeof imageBase64 !== 'string' || imageBase64.trim() === '') {
		throw new NodeOperationError(context.getNode(), 'Hex answered without a chart image', {
			description:
				'The answer had no "imageBase64", so nothing was output. Check that the cell is a chart that ran without errors.',
		});
	}
	return {
		image: Buffer.from(imageBase64, 'base64'),
		mimeType:
			typeof mimeType === 'string' && mimeType.trim() !== '' ? mimeType.trim() : 'image/png',
	};
}

/**
 * Post-receive: the answer's `imageBase64` becomes n8n binary data with the answer's `mimeType`;
 * the JSON keeps the rest of the answer (IDs and mimeType), without the base64.
 */
export async function chartImageToBinary(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const binaryPropertyName = readBinaryPropertyName(this);
	return await Promise.all(
		items.map(async (item) => {
			const { image, mimeType } = chartImageOf(this, item.json);
			const rest = { ...item.json };
			delete rest.imageBase64;
			const id = [rest.staticId, rest.cellId].find((value) => typeof value === 'string');
			const fileName = `chart-${String(id ?? 'image')}.${extensionOf(mimeType)}`;
			const binary = await this.helpers.prepareBinaryData(image, fileName, mimeType);
			return { json: rest, binary: { [binaryPropertyName]: binary } };
		}),
	);
}
