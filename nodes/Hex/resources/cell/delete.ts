import type { INodeProperties } from 'n8n-workflow';

import { cellLocator, pickerProjectField } from './cellLocator';

const show = { resource: ['cell'], operation: ['delete'] };

export const deleteFields: INodeProperties[] = [
	pickerProjectField(show),
	cellLocator(
		show,
		'The cell to delete from the draft. Pick it from the project above, or enter its ID.',
	),
];
