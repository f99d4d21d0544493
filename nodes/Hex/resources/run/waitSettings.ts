import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { MIN_POLL_INTERVAL_SECONDS, pollBudgetField } from '../../shared/waits';

/** Poll Interval, Timeout, the status budget and Cancel Run, for Start (with Wait for Completion) and Wait. */
export function waitSettingsFields(show: IDisplayOptions['show']): INodeProperties[] {
	return [
		{
			displayName: 'Poll Interval (Seconds)',
			name: 'pollInterval',
			type: 'number',
			typeOptions: { minValue: MIN_POLL_INTERVAL_SECONDS },
			default: 10,
			description:
				'How often to ask Hex for the run status; Hex allows about 30 requests per minute',
			displayOptions: { show },
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 3600,
			description: 'How long to wait for the run to finish',
			displayOptions: { show },
		},
		pollBudgetField(show),
		{
			// The name predates the other reasons; parameter names are kept once released.
			displayName: 'Cancel Run If the Wait Ends Early',
			name: 'cancelOnTimeout',
			type: 'boolean',
			default: true,
			description:
				'Whether to cancel the run (and free its kernel) when the wait ends before the run does: at the timeout, on an error that is not temporary (such as 401 or 404), or when the execution is stopped',
			displayOptions: { show },
		},
	];
}
