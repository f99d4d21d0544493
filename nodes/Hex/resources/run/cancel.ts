import type { INodeProperties } from 'n8n-workflow';

import { projectLocator } from '../../shared/descriptions';
import { runIdField } from './runId';

const show = { resource: ['run'], operation: ['cancel'] };

export const cancelFields: INodeProperties[] = [projectLocator(show), runIdField(show)];
