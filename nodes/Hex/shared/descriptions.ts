import type {
	IDisplayOptions,
	INodeProperties,
	INodePropertyMode,
	INodePropertyOptions,
} from 'n8n-workflow';

import { returnAllAndLimit } from './pagination';

/**
 * The "By URL" mode of a locator: an example link. The ID is taken from the link when the node
 * runs (`idFromHexLink` in pathParameters.ts says why not by a pattern of the mode).
 */
interface ByUrl {
	placeholder: string;
}

/** Notebook and app links of a project. */
export const PROJECT_LINK: ByUrl = {
	placeholder:
		'e.g. https://app.hex.tech/acme/hex/5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c/draft/logic',
};

/** Any Hex link that carries the ID; `placeholder` is an example of such a link. */
export function anyIdLink(placeholder: string): ByUrl {
	return { placeholder };
}

export interface HexIdLocatorOptions {
	displayName: string;
	/** The parameter's name, usually the route's path parameter (`projectId`, `cellId`, …). */
	name: string;
	description: string;
	/** Where it is shown; omitted for a locator inside a collection. */
	show?: IDisplayOptions['show'];
	/** Adds a "From List" mode (the default mode) backed by this list search method. */
	searchListMethod?: string;
	byUrl?: ByUrl;
	/** Defaults to true; false leaves `required` out. */
	required?: boolean;
}

/** A locator of a Hex object by its UUID: optionally picked from a list or pasted as a link. */
export function hexIdLocator(options: HexIdLocatorOptions): INodeProperties {
	const { searchListMethod, byUrl } = options;
	// Modes are not parameters: `as const` keeps n8n's parameter lint rules off them.
	const modes: INodePropertyMode[] = [];
	if (searchListMethod !== undefined) {
		modes.push({
			displayName: 'From List',
			name: 'list',
			type: 'list' as const,
			typeOptions: { searchListMethod, searchable: true },
		});
	}
	if (byUrl !== undefined) {
		modes.push({
			displayName: 'By URL',
			name: 'url',
			type: 'string' as const,
			placeholder: byUrl.placeholder,
		});
	}
	modes.push({
		displayName: 'By ID',
		name: 'id',
		type: 'string' as const,
		placeholder: 'e.g. 5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c',
	});
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'resourceLocator',
		default: { mode: searchListMethod === undefined ? 'id' : 'list', value: '' },
		...(options.required === false ? {} : { required: true }),
		description: options.description,
		...(options.show === undefined ? {} : { displayOptions: { show: options.show } }),
		modes,
	};
}

export function projectLocator(
	show: IDisplayOptions['show'],
	description = 'The Hex project. Pick it, paste its link, or enter its ID.',
	name = 'projectId',
): INodeProperties {
	return hexIdLocator({
		displayName: 'Project',
		name,
		description,
		show,
		searchListMethod: 'searchProjects',
		byUrl: PROJECT_LINK,
	});
}

export function dataConnectionLocator(show: IDisplayOptions['show']): INodeProperties {
	return hexIdLocator({
		displayName: 'Data Connection',
		name: 'dataConnectionId',
		description:
			'The data connection. Pick it, paste a Hex link that contains its ID, or enter its ID.',
		show,
		searchListMethod: 'searchDataConnections',
		byUrl: anyIdLink(
			'e.g. https://app.hex.tech/acme/settings/data-connections/5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c',
		),
	});
}

export function userLocator(show: IDisplayOptions['show']): INodeProperties {
	return hexIdLocator({
		displayName: 'User',
		name: 'userId',
		description: 'The Hex user. Search by name or email, or enter the user ID.',
		show,
		searchListMethod: 'searchUsers',
	});
}

/** Return All and Limit, declared once for several list operations of a resource. */
export function returnAllAndLimitFor(resource: string, operations: string[]): INodeProperties[] {
	return returnAllAndLimit(resource, operations[0]).map((property) => ({
		...property,
		displayOptions: { show: { ...property.displayOptions?.show, operation: operations } },
	}));
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

/**
 * The canvas subtitle: the action of the chosen operation ("Start a run"), looked up by
 * resource and operation in a map built from the operation lists.
 */
export function actionSubtitle(properties: INodeProperties[]): string {
	const actions: Record<string, string> = {};
	for (const property of properties) {
		if (property.name !== 'operation' || property.type !== 'options') continue;
		const resources = (property.displayOptions?.show?.resource ?? []) as string[];
		for (const option of property.options ?? []) {
			if (!('action' in option) || typeof option.action !== 'string') continue;
			for (const resource of resources)
				actions[`${resource}:${String(option.value)}`] = option.action;
		}
	}
	return `={{ ${JSON.stringify(actions)}[$parameter["resource"] + ":" + $parameter["operation"]] ?? "" }}`;
}
