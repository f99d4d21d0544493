import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { chunks, fail, readHexIdList, refuseEmptyUpdate } from '../../shared/fieldValues';
import { bodyOf, sendToHex, withSentence } from '../../shared/hexRequest';

/** Hex's sharing routes take at most this many users, groups or collections per request. */
export const SHARING_CHUNK_SIZE = 25;

export interface SharingTarget {
	/** The list in `sharing.upsert` and the noun of the messages: users, groups, collections. */
	list: 'users' | 'groups' | 'collections';
	/** The key of one entry (`{user: {id}, access}`) and of its IDs parameter (`userIds`). */
	item: 'user' | 'group' | 'collection';
	/** Display name of the IDs parameter. */
	label: string;
}

export const SHARING_TARGETS: Record<SharingTarget['list'], SharingTarget> = {
	users: { list: 'users', item: 'user', label: 'User IDs' },
	groups: { list: 'groups', item: 'group', label: 'Group IDs' },
	collections: { list: 'collections', item: 'collection', label: 'Collection IDs' },
};

/** The whole upsert (`{sharing: {upsert: {<list>: [{<item>: {id}, access}]}}}`), IDs checked. */
export function buildSharingUpsertBody(target: SharingTarget) {
	return async function (
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const ids = readHexIdList(
			this,
			this.getNodeParameter(`${target.item}Ids`, ''),
			(invalid) => `The "${target.label}" parameter has an invalid Hex ID: "${invalid}"`,
			`Hex ${target.item} IDs are UUIDs; separate several with commas.`,
			{ unique: true },
		);
		if (ids.length === 0) {
			fail(
				this,
				`The "${target.label}" parameter is empty`,
				`Enter one or more ${target.item} IDs, separated by commas.`,
			);
		}
		const access = this.getNodeParameter('access', '') as string;
		requestOptions.body = {
			sharing: {
				upsert: { [target.list]: ids.map((id) => ({ [target.item]: { id }, access })) },
			},
		};
		return requestOptions;
	};
}

const KEEP = 'keep';

/** The levels to change (Hex leaves the others). */
function workspaceAndPublicLevels(context: IExecuteSingleFunctions): IDataObject {
	const sharing: IDataObject = {};
	const workspace = context.getNodeParameter('workspaceAccess', KEEP) as string;
	const publicWeb = context.getNodeParameter('publicWebAccess', KEEP) as string;
	if (workspace !== KEEP) sharing.workspace = workspace;
	if (publicWeb !== KEEP) sharing.publicWeb = publicWeb;
	return sharing;
}

/** EditProjectSharingOrgAndPublic's body: only the levels to change. */
export async function buildWorkspaceAndPublicBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const sharing = workspaceAndPublicLevels(this);
	refuseEmptyUpdate(
		this,
		sharing,
		'Set "Workspace Access" or "Public Web Access" to a level other than "Keep Current".',
	);
	requestOptions.body = { sharing };
	return requestOptions;
}

/** `- id1, id2: reason` for each per-item error (`{userIds|groupIds|collectionIds|type, reason}`). */
function describeItemError(error: IDataObject): string {
	const subject =
		[error.userIds, error.groupIds, error.collectionIds].find(Array.isArray) ??
		(error.type === undefined ? [] : [error.type]);
	const reason = typeof error.reason === 'string' ? error.reason : JSON.stringify(error);
	const who = (subject as unknown[]).map(String).join(', ');
	return who ? `- ${who}: ${reason}` : `- ${reason}`;
}

const SETTING_NAMES: Record<string, string> = { workspace: 'workspace', publicWeb: 'public web' };

/** The error for per-item refusals: what was refused, why, and what was applied anyway. */
function refusalError(
	context: IExecuteSingleFunctions,
	errors: IDataObject[],
	target: SharingTarget | undefined,
	requested: number,
): NodeOperationError {
	let message: string;
	let refused: number;
	let noun: string;
	if (target) {
		const key = `${target.item}Ids`;
		const ids = new Set(
			errors.flatMap((error) => (Array.isArray(error[key]) ? (error[key] as unknown[]) : [])),
		);
		refused = ids.size || errors.length;
		noun = target.list;
		message = `Hex did not apply the access for ${refused} of ${requested} ${noun}`;
	} else {
		const types = [...new Set(errors.map((error) => String(error.type)))];
		refused = types.length;
		noun = 'access setting(s)';
		message = `Hex did not apply the ${types.map((type) => SETTING_NAMES[type] ?? type).join(' and ')} access`;
	}
	const applied = Math.max(0, requested - refused);
	return new NodeOperationError(context.getNode(), message, {
		description: [
			...errors.map(describeItemError),
			applied > 0 ? `Hex applied the other ${applied} ${noun}.` : 'Hex applied none of them.',
			'Turn on "Ignore Per-Item Errors" under Options to output these errors with the project instead of failing.',
		].join('\n'),
	});
}

/** One item: the project as Hex returned it last, plus the per-item `errors` of all requests. */
function sharingResult(
	context: IExecuteSingleFunctions,
	project: IDataObject | undefined,
	errors: IDataObject[],
	target: SharingTarget | undefined,
	requested: number,
): INodeExecutionData[] {
	const ignoreErrors = context.getNodeParameter('options.ignorePerItemErrors', false) === true;
	if (errors.length > 0 && !ignoreErrors) {
		throw refusalError(context, errors, target, requested);
	}
	return [{ json: { project: project ?? {}, errors } }];
}

function projectOf(
	context: IExecuteSingleFunctions,
	answer: IDataObject,
	sentBefore: number,
): IDataObject {
	if (!answer.project || typeof answer.project !== 'object') {
		throw new NodeOperationError(context.getNode(), 'Hex answered without the project', {
			description: `The response did not have the documented shape; nothing more was sent${sentBefore > 0 ? ` (the ${sentBefore} entries sent before were applied)` : ''}.`,
		});
	}
	return answer.project as IDataObject;
}

/** Update Workspace and Public Access (one request). */
export async function workspaceAndPublicResult(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const answer = (items[0]?.json ?? {}) as IDataObject;
	const errors = Array.isArray(answer.errors) ? (answer.errors as IDataObject[]) : [];
	const requested = Object.keys(workspaceAndPublicLevels(this)).length;
	return sharingResult(this, projectOf(this, answer, 0), errors, undefined, requested);
}

/** The "pagination" of Share with Users, Groups and Collections: the upsert in chunks of 25. */
export function sharingInChunks(target: SharingTarget) {
	return async function (
		this: IExecutePaginationFunctions,
		resultOptions: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const body = resultOptions.options.body as IDataObject;
		const entries = (((body.sharing as IDataObject).upsert as IDataObject)[target.list] ??
			[]) as IDataObject[];
		let project: IDataObject | undefined;
		const errors: IDataObject[] = [];
		for (const [index, part] of chunks(entries, SHARING_CHUNK_SIZE).entries()) {
			let answer: IDataObject;
			try {
				answer = bodyOf(
					this,
					await sendToHex(
						this,
						{ ...resultOptions.options, body: { sharing: { upsert: { [target.list]: part } } } },
						{ signal: this.getExecutionCancelSignal() },
					),
				);
			} catch (error) {
				const sentBefore =
					index > 0
						? `The first ${index * SHARING_CHUNK_SIZE} of ${entries.length} ${target.list} were already sent in ${index} earlier request(s) and Hex applied them${errors.length ? ` (with ${errors.length} per-item error(s))` : ''}; the rest were not sent.`
						: undefined;
				throw withSentence(this, error, sentBefore);
			}
			project = projectOf(this, answer, index * SHARING_CHUNK_SIZE);
			if (Array.isArray(answer.errors)) errors.push(...(answer.errors as IDataObject[]));
		}
		return sharingResult(this, project, errors, target, entries.length);
	};
}
