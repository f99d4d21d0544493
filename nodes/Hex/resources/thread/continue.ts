import type { INodeProperties } from 'n8n-workflow';

import { attachmentsField, promptField } from './attachments';
import { threadLocator } from './threadLocator';
import { buildContinueThreadBody } from './threadRequest';
import { waitUntilIdleFields } from './threadWait';

const show = { resource: ['thread'], operation: ['continue'] };

export const continueFields: INodeProperties[] = [
	threadLocator(show),
	{
		...promptField(
			show,
			'The follow-up question or task; the thread must be idle',
			'e.g. Break that down by month',
		),
		routing: { send: { preSend: [buildContinueThreadBody] } },
	},
	attachmentsField(show),
	...waitUntilIdleFields(show),
];
