import type { INodeProperties } from 'n8n-workflow';

import { groupLocator } from './groupLocator';

export const deleteFields: INodeProperties[] = [
	groupLocator({ resource: ['group'], operation: ['delete'] }),
];
