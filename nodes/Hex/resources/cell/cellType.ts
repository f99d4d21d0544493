import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/** The three cell types Hex can create and edit; the type decides the shape of `contents`. */
export function cellTypeField(show: IDisplayOptions['show'], description: string): INodeProperties {
	return {
		displayName: 'Cell Type',
		name: 'cellType',
		type: 'options',
		required: true,
		noDataExpression: true,
		displayOptions: { show },
		options: [
			{ name: 'Code', value: 'CODE', description: 'A Python code cell' },
			{ name: 'Markdown', value: 'MARKDOWN', description: 'A Markdown text cell' },
			{ name: 'SQL', value: 'SQL', description: 'A SQL query cell' },
		],
		default: 'SQL',
		description,
	};
}
