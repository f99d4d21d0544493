import type { INodeProperties } from 'n8n-workflow';

import { runProjectLocator } from './runProject';
import { runIdField } from './runId';

const show = { resource: ['run'], operation: ['cancel'] };

export const cancelFields: INodeProperties[] = [runProjectLocator(show), runIdField(show)];
