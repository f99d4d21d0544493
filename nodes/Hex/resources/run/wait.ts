import type { INodeProperties } from 'n8n-workflow';

import { waitSettingsFields } from './waitSettings';

const show = { resource: ['run'], operation: ['wait'] };

export const waitFields: INodeProperties[] = [...waitSettingsFields(show)];
