import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';
import { jsonParse } from 'n8n-workflow';

import { fail } from '../../shared/fieldValues';

// The fields that name a GitHub repository, for the External Source filter and each file's source.
export const GITHUB_BASE: INodeProperties = {
	displayName: 'GitHub Base URL',
	name: 'base',
	type: 'string',
	default: '',
	placeholder: 'e.g. https://github.example.com',
	description: 'The GitHub instance; leave empty for https://github.com',
};

export const GITHUB_OWNER: INodeProperties = {
	displayName: 'GitHub Owner',
	name: 'owner',
	type: 'string',
	default: '',
	placeholder: 'e.g. acme',
	description: 'The owner (user or organization) of the repository',
};

export const GITHUB_REPO: INodeProperties = {
	displayName: 'GitHub Repository',
	name: 'repo',
	type: 'string',
	default: '',
	placeholder: 'e.g. analytics-guides',
	description: 'The name of the repository',
};

/**
 * `locator`: identifies a source (ListDraftGuides' filter): GitHub needs owner and repo.
 * `file`: one file's source (UpsertGuideDraft): GitHub also needs branch, commit hash and path.
 */
type SourceKind = 'locator' | 'file';

const REPOSITORY: Array<[string, string]> = [
	['owner', 'GitHub Owner'],
	['repo', 'GitHub Repository'],
];
const GITHUB_REQUIRED: Record<SourceKind, Array<[string, string]>> = {
	locator: REPOSITORY,
	file: [
		...REPOSITORY,
		['branch', 'GitHub Branch'],
		['commitHash', 'GitHub Commit Hash'],
		['path', 'GitHub Path'],
	],
};

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** Hex's external source (where a guide file comes from) from the fields; undefined for "None". */
export function externalSourceFromFields(
	context: IExecuteSingleFunctions,
	fields: IDataObject,
	kind: SourceKind,
	where: string,
): IDataObject | undefined {
	if (fields.sourceType === 'unknown') {
		const id = text(fields.sourceId);
		return id === '' ? { source: 'unknown' } : { source: 'unknown', id };
	}
	if (fields.sourceType !== 'github') return undefined;
	const source: IDataObject = { source: 'github' };
	const base = text(fields.base);
	if (base !== '') source.base = base;
	for (const [key, label] of GITHUB_REQUIRED[kind]) {
		const value = text(fields[key]);
		if (value === '') {
			fail(
				context,
				`${where}: "${label}" is empty`,
				`A GitHub source needs ${GITHUB_REQUIRED[kind].map(([, name]) => `"${name}"`).join(', ')}.`,
			);
		}
		source[key] = value;
	}
	return source;
}

/** Checks an external source given as JSON (object or JSON text) and returns it as an object. */
export function externalSourceFromJson(
	context: IExecuteSingleFunctions,
	raw: unknown,
	kind: SourceKind,
	where: string,
): IDataObject {
	let value = raw;
	if (typeof raw === 'string') {
		try {
			value = jsonParse(raw);
		} catch (error) {
			fail(
				context,
				`${where} is not valid JSON`,
				`${(error as Error).message}. Enter an object such as {"source": "github", "owner": "acme", "repo": "guides"}.`,
			);
		}
	}
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		fail(
			context,
			`${where} must be an object`,
			'Use {"source": "github", "owner": …, "repo": …} or {"source": "unknown", "id": …}.',
		);
	}
	const source = value as IDataObject;
	if (source.source === 'unknown') {
		if (source.id !== undefined && typeof source.id !== 'string') {
			fail(context, `${where}: "id" must be a string`, 'The ID of an unknown source is text.');
		}
		return source;
	}
	if (source.source !== 'github') {
		fail(
			context,
			`${where}: "source" must be "github" or "unknown", got ${JSON.stringify(source.source)}`,
			'Hex knows GitHub sources and "unknown" (any other) sources.',
		);
	}
	const missing = GITHUB_REQUIRED[kind]
		.map(([key]) => key)
		.filter((key) => text(source[key]) === '');
	if (missing.length > 0) {
		fail(
			context,
			`${where}: a GitHub source needs ${missing.map((key) => `"${key}"`).join(', ')}`,
			`Required for a GitHub source: ${GITHUB_REQUIRED[kind].map(([key]) => key).join(', ')}; "base" (default https://github.com) is optional.`,
		);
	}
	return source;
}
