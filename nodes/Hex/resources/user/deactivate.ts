import type { INodeProperties } from 'n8n-workflow';

import { userLocator } from '../../shared/descriptions';

export const deactivateFields: INodeProperties[] = [
	userLocator({ resource: ['user'], operation: ['deactivate'] }),
];
