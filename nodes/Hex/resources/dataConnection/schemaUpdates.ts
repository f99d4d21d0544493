import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** Builds `{updates: [{type, name, status}]}`; an empty status is only sent as null when asked to remove. */
export async function schemaUpdatesPreSend(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const rows = this.getNodeParameter('updates.update', []) as IDataObject[];
	if (rows.length === 0) {
		throw new NodeOperationError(this.getNode(), 'The "Updates" parameter is empty', {
			description:
				'Add at least one database, schema or table status change. Nothing was sent to Hex.',
		});
	}
	const updates = rows.map((row, index) => {
		const name = String(row.name ?? '').trim();
		const status = String(row.status ?? '').trim();
		if (name === '') {
			throw new NodeOperationError(this.getNode(), `Update ${index + 1} has no "Name"`, {
				description:
					'Enter the database name, or the qualified schema or table name. Nothing was sent to Hex.',
			});
		}
		if (row.removeStatus !== true && status === '') {
			throw new NodeOperationError(this.getNode(), `Update ${index + 1} has no "Status"`, {
				description: 'Enter a status name, or turn on "Remove Status". Nothing was sent to Hex.',
			});
		}
		return { type: row.type ?? 'TABLE', name, status: row.removeStatus === true ? null : status };
	});
	requestOptions.body = { updates };
	return requestOptions;
}
