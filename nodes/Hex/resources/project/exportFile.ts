import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

/** ExportProject answers `{filename, content}`; the YAML also becomes a binary file for later nodes. */
export async function attachExportFile(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const binaryPropertyName = this.getNodeParameter('binaryPropertyName', 'data') as string;
	return await Promise.all(
		items.map(async (item) => {
			const { filename, content } = item.json as IDataObject;
			const text = typeof content === 'string' ? content : '';
			const binary = await this.helpers.prepareBinaryData(
				Buffer.from(text, 'utf8'),
				typeof filename === 'string' && filename !== '' ? filename : 'project.hex.yaml',
				'application/yaml',
			);
			return { json: item.json, binary: { [binaryPropertyName]: binary } };
		}),
	);
}
