import type { INodeProperties } from 'n8n-workflow';

import { threadLocator } from './threadLocator';

export const getFields: INodeProperties[] = [
	threadLocator({ resource: ['thread'], operation: ['get'] }),
];
