import type { INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from '../../shared/pagination';

export const getAllFields: INodeProperties[] = [...returnAllAndLimit('cell', 'getAll')];
