import type { INodeProperties } from 'n8n-workflow';

import { runProjectLocator } from './runProject';
import { runIdField } from './runId';
import { waitSettingsFields } from './waitSettings';

const show = { resource: ['run'], operation: ['wait'] };

export const waitFields: INodeProperties[] = [
	runProjectLocator(show),
	runIdField(show),
	...waitSettingsFields(show),
];
