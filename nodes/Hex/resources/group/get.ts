import type { INodeProperties } from 'n8n-workflow';

import { groupLocator } from './groupLocator';

export const getFields: INodeProperties[] = [
	groupLocator({ resource: ['group'], operation: ['get'] }),
];
