import type { INodeProperties } from 'n8n-workflow';

import { dataConnectionLocator } from '../../shared/descriptions';

export const getFields: INodeProperties[] = [
	dataConnectionLocator({ resource: ['dataConnection'], operation: ['get'] }),
];
