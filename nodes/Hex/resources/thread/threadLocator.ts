import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { PROJECT_LINK, anyIdLink, hexIdLocator } from '../../shared/descriptions';

/** The thread a Get, Get Messages or Continue works on: picked, pasted as a link, or by ID. */
export function threadLocator(show: IDisplayOptions['show']): INodeProperties {
	return hexIdLocator({
		displayName: 'Thread',
		name: 'threadId',
		description: 'The Hex agent thread. Pick it, paste its link, or enter its ID.',
		show,
		searchListMethod: 'searchThreads',
		byUrl: anyIdLink('e.g. https://app.hex.tech/acme/threads/5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c'),
	});
}

/** An optional project inside a collection (Create → Additional Fields → Project). */
export const optionalProjectLocator: INodeProperties = hexIdLocator({
	displayName: 'Project',
	name: 'projectId',
	description: 'Let the thread work on this existing project; cannot be combined with New Project',
	searchListMethod: 'searchProjects',
	byUrl: PROJECT_LINK,
	required: false,
});
