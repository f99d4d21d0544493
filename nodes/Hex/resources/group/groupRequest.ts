import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
} from 'n8n-workflow';

import { fail, readHexIdList, readName, refuseEmptyUpdate } from '../../shared/fieldValues';
import { readHexId } from '../../shared/pathParameters';

// Hex's GroupMembers list takes at most 100 users per request.
const MAX_MEMBERS_PER_REQUEST = 100;

/** A comma-separated list (or an array from an expression) of user IDs, checked and de-duplicated. */
function readUserIds(context: IExecuteSingleFunctions, parameter: string, label: string): string[] {
	const ids = readHexIdList(
		context,
		context.getNodeParameter(parameter, ''),
		(invalid) => `The "${label}" parameter has an invalid Hex user ID: "${invalid}"`,
		'Hex user IDs are UUIDs; separate several with commas.',
		{ unique: true },
	);
	if (ids.length > MAX_MEMBERS_PER_REQUEST) {
		fail(
			context,
			`The "${label}" parameter has ${ids.length} users; Hex takes at most ${MAX_MEMBERS_PER_REQUEST}`,
			`Split the users over several runs of ${MAX_MEMBERS_PER_REQUEST} or fewer (for example with Loop Over Items and Update).`,
		);
	}
	return ids;
}

const asMembers = (ids: string[]) => ({ users: ids.map((id) => ({ id })) });

/** CreateGroup's body: `{name, members?: {users: [{id}]}}`. */
export async function buildCreateGroupBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const body: IDataObject = { name: readName(this, 'groupName', 'group') };
	const members = readUserIds(this, 'groupAdditionalFields.memberUserIds', 'Member User IDs');
	if (members.length > 0) body.members = asMembers(members);
	requestOptions.body = body;
	return requestOptions;
}

/** EditGroup's body: `{name?, members?: {add?: {users}, remove?: {users}}}`; an empty update is refused. */
export async function buildEditGroupBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const fields = this.getNodeParameter('groupUpdateFields', {}) as IDataObject;
	const body: IDataObject = {};
	if ('name' in fields) body.name = readName(this, 'groupUpdateFields.name', 'group');
	const add = readUserIds(this, 'groupUpdateFields.addUserIds', 'Add Member User IDs');
	const remove = readUserIds(this, 'groupUpdateFields.removeUserIds', 'Remove Member User IDs');
	const both = add.find((id) => remove.includes(id));
	if (both !== undefined) {
		fail(
			this,
			`User "${both}" is both in "Add Member User IDs" and in "Remove Member User IDs"`,
			'Keep each user in one of the two lists.',
		);
	}
	if (add.length > 0 || remove.length > 0) {
		const members: IDataObject = {};
		if (add.length > 0) members.add = asMembers(add);
		if (remove.length > 0) members.remove = asMembers(remove);
		body.members = members;
	}
	refuseEmptyUpdate(
		this,
		body,
		'Add a new name, members to add or members to remove under "Update Fields".',
	);
	requestOptions.body = body;
	return requestOptions;
}

/** DeleteGroup answers 204 with no body; say what was deleted instead of an empty item. */
export async function deletedGroup(this: IExecuteSingleFunctions): Promise<INodeExecutionData[]> {
	return [{ json: { deleted: true, groupId: readHexId(this, 'groupId') } }];
}
