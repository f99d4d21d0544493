import type { INodeProperties } from 'n8n-workflow';

import { guideDraftLocator } from './guideDraftLocator';

export const deleteDraftFields: INodeProperties[] = [
	guideDraftLocator({ resource: ['guide'], operation: ['deleteDraft'] }),
];
