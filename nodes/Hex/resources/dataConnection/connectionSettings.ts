import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { isHexId } from '../../shared/pathParameters';
import { fail, readJsonObject } from '../../shared/fieldValues';

const ACCESS_OPTIONS = [
	{ name: 'None', value: 'NONE' },
	{ name: 'Query', value: 'QUERY' },
	{ name: 'View Results', value: 'VIEW_RESULTS' },
];

const JSON_SETTINGS: Record<string, { label: string; example: string }> = {
	schemaFilters: {
		label: 'Schema Filters (JSON)',
		example: '{"schemas": {"include": {"matchType": "PREFIX", "values": ["analytics"]}}}',
	},
	schemaRefreshSchedule: {
		label: 'Schema Refresh Schedule (JSON)',
		example:
			'{"cadence": "DAILY", "enabled": true, "daily": {"hour": 6, "minute": 0, "timezoneString": "+00:00"}}',
	},
};

/** The settings shared by Create and Update (Hex's DataConnection body minus name, type and details). */
export function connectionSettingsOptions(): INodeProperties[] {
	return [
		{
			displayName: 'Allow Writeback Cells',
			name: 'allowWritebackCells',
			type: 'boolean',
			default: false,
			description: 'Whether writeback cells may write to this connection',
			routing: { send: { type: 'body', property: 'allowWritebackCells' } },
		},
		{
			displayName: 'Connect via SSH',
			name: 'connectViaSsh',
			type: 'boolean',
			default: false,
			description: 'Whether Hex connects through an SSH tunnel',
			routing: { send: { type: 'body', property: 'connectViaSsh' } },
		},
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			default: '',
			description: 'A description of the connection',
			routing: { send: { type: 'body', property: 'description' } },
		},
		{
			displayName: 'Group Access',
			name: 'groupAccess',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Group',
			default: {},
			description: 'Access for Hex groups',
			options: [
				{
					displayName: 'Group',
					name: 'group',
					values: [
						{
							displayName: 'Group ID',
							name: 'groupId',
							type: 'string',
							default: '',
							placeholder: 'e.g. 5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c',
						},
						{
							displayName: 'Access',
							name: 'access',
							type: 'options',
							options: ACCESS_OPTIONS,
							default: 'QUERY',
						},
					],
				},
			],
		},
		{
			displayName: 'Include in Magic',
			name: 'includeMagic',
			type: 'boolean',
			default: false,
			description: "Whether Hex's AI features may use this connection",
			routing: { send: { type: 'body', property: 'includeMagic' } },
		},
		{
			displayName: 'Public Access',
			name: 'publicAccess',
			type: 'options',
			options: [
				{ name: 'None', value: 'NONE' },
				{ name: 'View Results', value: 'VIEW_RESULTS' },
			],
			default: 'NONE',
			description: 'Access for people viewing public apps',
			routing: { send: { type: 'body', property: 'sharing.workspace.public' } },
		},
		{
			displayName: 'Schema Filters (JSON)',
			name: 'schemaFilters',
			type: 'json',
			default: '{}',
			description: "Which databases, schemas and tables Hex lists, as Hex's schemaFilters object",
		},
		{
			displayName: 'Schema Refresh Access',
			name: 'schemaRefreshAccess',
			type: 'options',
			options: [
				{ name: 'Admins', value: 'ADMINS' },
				{ name: 'Users With Query Access', value: 'USERS_WITH_QUERY_ACCESS' },
			],
			default: 'ADMINS',
			description: 'Who may refresh the schema',
			routing: { send: { type: 'body', property: 'schemaRefreshAccess' } },
		},
		{
			displayName: 'Schema Refresh Schedule (JSON)',
			name: 'schemaRefreshSchedule',
			type: 'json',
			default: '{}',
			description: "When Hex refreshes the schema, as Hex's schemaRefreshSchedule object",
		},
		{
			displayName: 'Workspace Guests Access',
			name: 'guestsAccess',
			type: 'options',
			options: ACCESS_OPTIONS,
			default: 'NONE',
			description: 'Access for workspace guests',
			routing: { send: { type: 'body', property: 'sharing.workspace.guests' } },
		},
		{
			displayName: 'Workspace Members Access',
			name: 'membersAccess',
			type: 'options',
			options: ACCESS_OPTIONS,
			default: 'QUERY',
			description: 'Access for workspace members',
			routing: { send: { type: 'body', property: 'sharing.workspace.members' } },
		},
	];
}

/**
 * The settings that need shaping: JSON objects are parsed, and group access is a plain list on
 * create but `{upsert: [...]}` on update, as Hex's spec defines.
 */
export function connectionSettingsPreSend(collectionName: string, mode: 'create' | 'update') {
	return async function (
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const settings = this.getNodeParameter(collectionName, {}) as IDataObject;
		const body = { ...(requestOptions.body as IDataObject) };
		for (const [key, { label, example }] of Object.entries(JSON_SETTINGS)) {
			if (key in settings) {
				body[key] = readJsonObject(this, `${collectionName}.${key}`, label, example);
			}
		}
		const groups = ((settings.groupAccess as IDataObject)?.group ?? []) as IDataObject[];
		if (groups.length > 0) {
			const entries = groups.map((entry, index) => {
				const id = String(entry.groupId ?? '').trim();
				if (!isHexId(id)) {
					fail(
						this,
						`Group Access row ${index + 1}: "Group ID" is not a Hex ID: "${id}"`,
						"Enter the group's UUID.",
					);
				}
				return { group: { id }, access: entry.access };
			});
			const sharing = { ...(body.sharing as IDataObject) };
			sharing.groups = mode === 'create' ? entries : { upsert: entries };
			body.sharing = sharing;
		}
		requestOptions.body = body;
		return requestOptions;
	};
}
