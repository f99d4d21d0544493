import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { ANY_ID_URL_REGEX, PROJECT_URL_REGEX, UUID_REGEX } from '../../shared/descriptions';

const ID_PLACEHOLDER = 'e.g. 5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c';

function idMode(what: string) {
	return {
		displayName: 'By ID',
		name: 'id',
		type: 'string' as const,
		placeholder: ID_PLACEHOLDER,
		validation: [
			{
				type: 'regex' as const,
				properties: { regex: UUID_REGEX, errorMessage: `Not a ${what} ID (a UUID)` },
			},
		],
	};
}

/** The thread a Get, Get Messages or Continue works on: picked, pasted as a link, or by ID. */
export function threadLocator(show: IDisplayOptions['show']): INodeProperties {
	return {
		displayName: 'Thread',
		name: 'threadId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The Hex agent thread. Pick it, paste its link, or enter its ID.',
		displayOptions: { show },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchThreads', searchable: true },
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: 'e.g. https://app.hex.tech/acme/threads/5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c',
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
			idMode('thread'),
		],
	};
}

/** An optional project inside a collection (Create → Additional Fields → Project). */
export const optionalProjectLocator: INodeProperties = {
	displayName: 'Project',
	name: 'projectId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	description: 'Let the thread work on this existing project; cannot be combined with New Project',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchProjects', searchable: true },
		},
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
		idMode('project'),
	],
};
