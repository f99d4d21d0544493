import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { readInputParameters } from '../../shared/projectInputParameters';
import { fail, readHexIdList, splitList } from '../../shared/fieldValues';

// Run → Start's advice speaks of the published app's input variables.
const INPUT_ADVICE = {
	noName: 'Enter the input variable name used in the published app, or remove the empty row.',
	twice: 'Keep one row per input variable.',
};

function readIds(
	context: IExecuteSingleFunctions,
	value: unknown,
	label: string,
	position: number,
): string[] {
	return readHexIdList(
		context,
		value,
		(invalid) => `Notification ${position}: "${label}" has an invalid Hex ID: "${invalid}"`,
		'Hex user and group IDs are UUIDs; separate several with commas.',
		{ unique: false },
	);
}

function readNotifications(context: IExecuteSingleFunctions): IDataObject[] {
	const entries = context.getNodeParameter('notifications.notification', []) as IDataObject[];
	return entries.map((entry, index) => {
		const position = index + 1;
		const slackChannelIds = splitList(entry.slackChannelIds);
		const userIds = readIds(context, entry.userIds, 'Recipient User IDs', position);
		const groupIds = readIds(context, entry.groupIds, 'Recipient Group IDs', position);
		if (slackChannelIds.length + userIds.length + groupIds.length === 0) {
			fail(
				context,
				`Notification ${position} has no recipients`,
				'Add recipient Slack channel IDs, user IDs or group IDs to it, or remove it.',
			);
		}
		const notification: IDataObject = {
			type: entry.type ?? 'ALL',
			includeSuccessScreenshot: entry.includeSuccessScreenshot ?? false,
		};
		if (notification.includeSuccessScreenshot && entry.screenshotFormat) {
			notification.screenshotFormat = entry.screenshotFormat;
		}
		if (slackChannelIds.length) notification.slackChannelIds = slackChannelIds;
		if (userIds.length) notification.userIds = userIds;
		if (groupIds.length) notification.groupIds = groupIds;
		if (entry.subject) notification.subject = entry.subject;
		if (entry.body) notification.body = entry.body;
		return notification;
	});
}

/** Builds RunProject's body from the fields the user set; never sends the deprecated `updateCache`. */
export async function buildRunProjectBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const inputParams = readInputParameters(this, INPUT_ADVICE);
	const viewId = typeof options.viewId === 'string' ? options.viewId.trim() : '';
	if (viewId !== '' && inputParams && Object.keys(inputParams).length > 0) {
		fail(
			this,
			'Use either "View ID" or "Input Parameters", not both',
			'Hex runs a saved view with its own inputs. Remove the view ID, or set Specify Input Parameters to "None".',
		);
	}
	const body: IDataObject = {};
	if (inputParams && Object.keys(inputParams).length > 0) body.inputParams = inputParams;
	if (viewId !== '') body.viewId = viewId;
	for (const flag of ['dryRun', 'updatePublishedResults', 'useCachedSqlResults']) {
		if (typeof options[flag] === 'boolean') body[flag] = options[flag];
	}
	const notifications = readNotifications(this);
	if (notifications.length > 0) body.notifications = notifications;
	requestOptions.body = body;
	return requestOptions;
}

// The header is only sent when asked for; Hex treats anything but "true" as off.
export async function expandedStatsHeader(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	if (this.getNodeParameter('options.includeExpandedStats', false) === true) {
		requestOptions.headers = { ...requestOptions.headers, 'enable-expanded-stats': 'true' };
	}
	return requestOptions;
}
