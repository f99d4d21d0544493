import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { fail, readName, refuseEmptyUpdate } from '../../shared/fieldValues';
import { isHexId } from '../../shared/pathParameters';

// Hex's spec types CollectionAccess as a free string; its documentation's examples use these.
// An expression can still send any other value Hex accepts.
const COLLECTION_ACCESS: INodePropertyOptions[] = [
	{ name: 'Manager', value: 'MANAGER', description: 'Can manage the collection and its sharing' },
	{ name: 'Member', value: 'MEMBER', description: 'Can see the collection and its projects' },
	{ name: 'None', value: 'NONE', description: 'No access (on update: removes the access)' },
];

const ACCESS_HINT = 'Hex documents NONE, MEMBER and MANAGER; an expression may give another value';

function accessRows(kind: 'user' | 'group'): INodeProperties {
	const label = kind === 'user' ? 'User' : 'Group';
	return {
		displayName: `${label} Access`,
		name: `${kind}Access`,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: `Add ${label}`,
		default: {},
		description: `Access to the collection for Hex ${kind}s`,
		options: [
			{
				displayName: label,
				name: kind,
				values: [
					{
						displayName: `${label} ID`,
						name: 'id',
						type: 'string',
						default: '',
						placeholder: 'e.g. 5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c',
					},
					{
						displayName: 'Access',
						name: 'access',
						type: 'options',
						options: COLLECTION_ACCESS,
						default: 'MEMBER',
						description: ACCESS_HINT,
					},
				],
			},
		],
	};
}

/** The fields Create (Additional Fields) and Update (Update Fields) share besides the name. */
export function collectionFieldOptions(): INodeProperties[] {
	return [
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			description: 'A description of the collection',
		},
		accessRows('group'),
		accessRows('user'),
		{
			displayName: 'Workspace Members Access',
			name: 'workspaceMembersAccess',
			type: 'options',
			options: COLLECTION_ACCESS,
			default: 'MEMBER',
			description: `Access to the collection for every member of the workspace. ${ACCESS_HINT}.`,
		},
	];
}

function readAccess(context: IExecuteSingleFunctions, value: unknown, where: string): string {
	const access = String(value ?? '').trim();
	if (access === '') fail(context, `${where}: "Access" is empty`, `${ACCESS_HINT}.`);
	return access;
}

function readRows(
	context: IExecuteSingleFunctions,
	fields: IDataObject,
	kind: 'user' | 'group',
): IDataObject[] | undefined {
	const rows = ((fields[`${kind}Access`] as IDataObject | undefined)?.[kind] ??
		[]) as IDataObject[];
	if (rows.length === 0) return undefined;
	const label = kind === 'user' ? 'User' : 'Group';
	const seen = new Set<string>();
	return rows.map((row, index) => {
		const where = `${label} Access row ${index + 1}`;
		const id = String(row.id ?? '').trim();
		if (!isHexId(id)) {
			fail(
				context,
				`${where}: "${label} ID" is not a Hex ID: "${id}"`,
				`Enter the ${kind}'s UUID.`,
			);
		}
		if (seen.has(id)) {
			fail(context, `${where}: ${kind} "${id}" is listed twice`, `Keep one row per ${kind}.`);
		}
		seen.add(id);
		return { id, access: readAccess(context, row.access, where) };
	});
}

/** Hex's CollectionApiResourceSharing from the fields set; undefined when none is set. */
function readSharing(
	context: IExecuteSingleFunctions,
	fields: IDataObject,
): IDataObject | undefined {
	const sharing: IDataObject = {};
	const users = readRows(context, fields, 'user');
	const groups = readRows(context, fields, 'group');
	if (users) sharing.users = users;
	if (groups) sharing.groups = groups;
	if ('workspaceMembersAccess' in fields) {
		sharing.workspace = {
			members: readAccess(context, fields.workspaceMembersAccess, 'Workspace Members Access'),
		};
	}
	return Object.keys(sharing).length > 0 ? sharing : undefined;
}

/** CreateCollection's body: `{name, description?, sharing?: {users?, groups?, workspace?}}`. */
export async function buildCreateCollectionBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const fields = this.getNodeParameter('collectionAdditionalFields', {}) as IDataObject;
	const body: IDataObject = { name: readName(this, 'collectionName', 'collection') };
	if (typeof fields.description === 'string' && fields.description !== '') {
		body.description = fields.description;
	}
	const sharing = readSharing(this, fields);
	if (sharing) body.sharing = sharing;
	requestOptions.body = body;
	return requestOptions;
}

/** EditCollection's body: `{name?, description?, sharing?: {upsert: {...}}}`; an empty update is refused. */
export async function buildEditCollectionBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const fields = this.getNodeParameter('collectionUpdateFields', {}) as IDataObject;
	const body: IDataObject = {};
	if ('name' in fields) body.name = readName(this, 'collectionUpdateFields.name', 'collection');
	// Sent as entered, also when empty.
	if ('description' in fields) body.description = String(fields.description ?? '');
	const sharing = readSharing(this, fields);
	if (sharing) body.sharing = { upsert: sharing };
	refuseEmptyUpdate(
		this,
		body,
		'Add a name, a description or access settings under "Update Fields".',
	);
	requestOptions.body = body;
	return requestOptions;
}
