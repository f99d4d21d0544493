import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

const MAX_TRACEBACK_LENGTH = 2000;

/** Delete: DeleteCell answers `{cellId}`; say that it was deleted. */
export async function deletedCell(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return items.map((item) => ({ ...item, json: { ...item.json, deleted: true } }));
}

function cellRunError(context: IExecuteSingleFunctions, result: IDataObject): NodeOperationError {
	const message = typeof result.message === 'string' ? result.message : 'no message';
	const traceback = typeof result.traceback === 'string' ? result.traceback : '';
	const shortTraceback =
		traceback.length > MAX_TRACEBACK_LENGTH
			? `…${traceback.slice(-MAX_TRACEBACK_LENGTH)}`
			: traceback;
	return new NodeOperationError(context.getNode(), `The cell failed to run in Hex: ${message}`, {
		description: [
			'Hex returned the error of the last run of this SQL cell in the draft notebook instead of a result. Fix the cell in Hex and run it, or turn on the "Output Cell Run Errors" option to get the error as an item.',
			shortTraceback ? `Traceback:\n${shortTraceback}` : '',
		]
			.filter(Boolean)
			.join('\n'),
	});
}

/**
 * Get Output: GetCellOutput's `result` is a table or a `cell_run_error`. An error fails the item
 * unless "Output Cell Run Errors" is on; "Split Rows Into Items" outputs one item per table row.
 */
export async function cellOutputItems(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', {}) as IDataObject;
	return items.flatMap((item) => {
		const result = (item.json.result ?? {}) as IDataObject;
		if (result.type === 'cell_run_error') {
			if (options.outputCellRunErrors !== true) throw cellRunError(this, result);
			return [item];
		}
		if (options.splitRows !== true) return [item];
		if (result.type !== 'table' || !Array.isArray(result.rows)) {
			throw new NodeOperationError(
				this.getNode(),
				`Hex answered with a "${String(result.type)}" result, not a table`,
				{
					description:
						'Split Rows Into Items only works on table results. Turn it off to get the answer as it is (Get Output is an unstable Hex API that may change).',
				},
			);
		}
		return (result.rows as IDataObject[]).map((row) => ({ json: { ...row } }));
	});
}
