import type { INodeProperties } from 'n8n-workflow';

import { projectLocator } from '../../shared/descriptions';
import { runIdField } from './runId';
import { waitSettingsFields } from './waitSettings';

const show = { resource: ['run'], operation: ['wait'] };

export const waitFields: INodeProperties[] = [
	projectLocator(show),
	runIdField(show),
	...waitSettingsFields(show),
];
