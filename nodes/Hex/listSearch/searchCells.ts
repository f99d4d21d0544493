import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { hexIdValue, isHexId } from '../shared/pathParameters';
import { searchInPages } from './searchInPages';
import { PICKER_PROJECT_ID } from '../resources/cell/cellLocator';

const MAX_NAME_LENGTH = 60;

/** The cell's label, or the first line of its source, with its type: "Revenue query (SQL)". */
function cellName(cell: IDataObject): string {
	const contents = (cell.contents ?? {}) as IDataObject;
	const source = ['sqlCell', 'codeCell', 'markdownCell']
		.map((key) => (contents[key] as IDataObject | null | undefined)?.source)
		.find((text): text is string => typeof text === 'string' && text.trim() !== '');
	const firstLine = source
		?.split('\n')
		.map((line) => line.trim())
		.find((line) => line !== '');
	const label = typeof cell.label === 'string' && cell.label.trim() !== '' ? cell.label : firstLine;
	const text = label ?? String(cell.id);
	const short = text.length > MAX_NAME_LENGTH ? `${text.slice(0, MAX_NAME_LENGTH - 1)}…` : text;
	return `${short} (${String(cell.cellType ?? 'cell')})`;
}

function readProjectId(context: ILoadOptionsFunctions): string | undefined {
	try {
		const { id: value } = hexIdValue(
			PICKER_PROJECT_ID,
			context.getNodeParameter(PICKER_PROJECT_ID, undefined),
		);
		const id = typeof value === 'string' ? value.trim() : undefined;
		return isHexId(id) ? id : undefined;
	} catch {
		return undefined;
	}
}

/** Cells of the project chosen in the node's Project field (Hex lists cells per project). */
export async function searchCells(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const projectId = readProjectId(this);
	if (projectId === undefined) {
		return {
			results: [
				{
					name: 'Choose a Project First (Hex Lists Cells per Project), or Use By ID',
					value: '',
				},
			],
		};
	}
	return await searchInPages(
		this,
		{
			url: '/v1/cells',
			pageSize: 100,
			qs: { projectId },
			toItem: (cell) => ({ name: cellName(cell), value: String(cell.id) }),
		},
		filter,
		paginationToken,
	);
}
