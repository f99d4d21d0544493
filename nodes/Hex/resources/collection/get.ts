import type { INodeProperties } from 'n8n-workflow';

import { collectionLocator } from './collectionLocator';

export const getFields: INodeProperties[] = [
	collectionLocator({ resource: ['collection'], operation: ['get'] }),
];
