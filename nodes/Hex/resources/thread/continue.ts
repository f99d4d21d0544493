import type { INodeProperties } from 'n8n-workflow';

import { attachmentsField, promptField } from './attachments';
import { threadLocator } from './threadLocator';
import { waitUntilIdleFields } from './threadWait';

const show = { resource: ['thread'], operation: ['continue'] };

export const continueFields: INodeProperties[] = [
	threadLocator(show),
	promptField(show),
	attachmentsField(show),
	...waitUntilIdleFields(show),
];
