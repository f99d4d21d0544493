import type { IDisplayOptions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
export const UUID_REGEX = `^${UUID}$`;
// n8n anchors these patterns (^…$) when validating, so each one also accepts the rest of the link.
// Notebook and app links: /<workspace>/hex/<id>/… and /<workspace>/app/<optional-title->id/…
export const PROJECT_URL_REGEX = `https?://[^/]+/[^/]+/(?:hex|app)/(?:[^/]*?-)?(${UUID})(?:[/?#].*)?`;
// Any Hex link that carries the ID, such as a data connection's settings page.
export const ANY_ID_URL_REGEX = `https?://[^/]+/.*?(${UUID}).*`;

/** Placeholder and UUID check of a locator's "By ID" mode. */
function idValidation(what: string) {
	return {
		placeholder: 'e.g. 5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c',
		validation: [
			{
				type: 'regex' as const,
				properties: { regex: UUID_REGEX, errorMessage: `Not a ${what} ID (a UUID)` },
			},
		],
	};
}

function listMode(searchListMethod: string) {
	return {
		displayName: 'From List',
		name: 'list',
		type: 'list' as const,
		typeOptions: { searchListMethod, searchable: true },
	};
}

export function projectLocator(
	show: IDisplayOptions['show'],
	description = 'The Hex project. Pick it, paste its link, or enter its ID.',
): INodeProperties {
	return {
		displayName: 'Project',
		name: 'projectId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		displayOptions: { show },
		modes: [
			listMode('searchProjects'),
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder:
					'e.g. https://app.hex.tech/acme/hex/5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c/draft/logic',
				extractValue: { type: 'regex', regex: PROJECT_URL_REGEX },
				validation: [
					{
						type: 'regex',
						properties: { regex: PROJECT_URL_REGEX, errorMessage: 'Not a Hex project link' },
					},
				],
			},
			{ displayName: 'By ID', name: 'id', type: 'string', ...idValidation('project') },
		],
	};
}

export function dataConnectionLocator(show: IDisplayOptions['show']): INodeProperties {
	return {
		displayName: 'Data Connection',
		name: 'dataConnectionId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description:
			'The data connection. Pick it, paste a Hex link that contains its ID, or enter its ID.',
		displayOptions: { show },
		modes: [
			listMode('searchDataConnections'),
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder:
					'e.g. https://app.hex.tech/acme/settings/data-connections/5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c',
				extractValue: { type: 'regex', regex: ANY_ID_URL_REGEX },
				validation: [
					{
						type: 'regex',
						properties: {
							regex: ANY_ID_URL_REGEX,
							errorMessage: 'The link does not contain a Hex ID',
						},
					},
				],
			},
			{ displayName: 'By ID', name: 'id', type: 'string', ...idValidation('data connection') },
		],
	};
}

export function userLocator(show: IDisplayOptions['show']): INodeProperties {
	return {
		displayName: 'User',
		name: 'userId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The Hex user. Search by name or email, or enter the user ID.',
		displayOptions: { show },
		modes: [
			listMode('searchUsers'),
			{ displayName: 'By ID', name: 'id', type: 'string', ...idValidation('user') },
		],
	};
}

const SORT_BY: INodeProperties = {
	displayName: 'Sort By',
	name: 'sortBy',
	type: 'options',
	options: [],
	default: '',
	routing: { send: { type: 'query', property: 'sortBy' } },
};

const SORT_DIRECTION: INodeProperties = {
	displayName: 'Sort Direction',
	name: 'sortDirection',
	type: 'options',
	options: [
		{ name: 'Ascending', value: 'ASC' },
		{ name: 'Descending', value: 'DESC' },
	],
	default: 'ASC',
	routing: { send: { type: 'query', property: 'sortDirection' } },
};

/** The Sort collection of a Get Many: the route's own sort keys, then the direction. */
export function sortCollection(
	show: IDisplayOptions['show'],
	sortBy: INodePropertyOptions[],
	defaults: { sortBy: string; sortDirection: 'ASC' | 'DESC' },
): INodeProperties {
	return {
		displayName: 'Sort',
		name: 'sort',
		type: 'collection',
		placeholder: 'Add Sort Option',
		default: {},
		displayOptions: { show },
		options: [
			{ ...SORT_BY, options: sortBy, default: defaults.sortBy },
			{ ...SORT_DIRECTION, default: defaults.sortDirection },
		],
	};
}
