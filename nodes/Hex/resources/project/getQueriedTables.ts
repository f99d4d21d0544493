import type { INodeProperties } from 'n8n-workflow';

import { projectLocator } from '../../shared/descriptions';
import { returnAllAndLimit } from '../../shared/pagination';

export const getQueriedTablesFields: INodeProperties[] = [
	projectLocator({ resource: ['project'], operation: ['getQueriedTables'] }),
	...returnAllAndLimit('project', 'getQueriedTables'),
];
