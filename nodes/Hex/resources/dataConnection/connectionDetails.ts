import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** One connection-details field of Hex's CreateConnectionDetails / EditConnectionDetails. */
interface DetailField {
	key: string;
	displayName: string;
	type: 'string' | 'number' | 'boolean' | 'keyValues';
	requiredOnCreate?: boolean;
	secret?: boolean;
	nullable?: boolean;
	/** PEM text: its line breaks are restored when a one-line box dropped them. */
	pem?: boolean;
	description: string;
	placeholder?: string;
}

const hostname = (description: string): DetailField => ({
	key: 'hostname',
	displayName: 'Hostname',
	type: 'string',
	requiredOnCreate: true,
	description,
	placeholder: 'e.g. db.example.com',
});
const port = (placeholder: string): DetailField => ({
	key: 'port',
	displayName: 'Port',
	type: 'number',
	requiredOnCreate: true,
	description: 'The port to connect to',
	placeholder: `e.g. ${placeholder}`,
});
const username: DetailField = {
	key: 'username',
	displayName: 'Username',
	type: 'string',
	requiredOnCreate: true,
	description: 'The database user Hex connects as',
};
const password = (requiredOnCreate: boolean): DetailField => ({
	key: 'password',
	displayName: 'Password',
	type: 'string',
	requiredOnCreate,
	secret: true,
	description: 'The password of that user',
});
const database: DetailField = {
	key: 'database',
	displayName: 'Database',
	type: 'string',
	requiredOnCreate: true,
	description: 'The database to connect to',
};

/** The types Hex lets the API create or edit (ClickHouse is read-only through the API). */
export const CONNECTION_TYPES: Record<string, { name: string; fields: DetailField[] }> = {
	athena: {
		name: 'Athena',
		fields: [
			hostname('The Athena endpoint host'),
			port('443'),
			{
				key: 's3OutputPath',
				displayName: 'S3 Output Path',
				type: 'string',
				requiredOnCreate: true,
				description: 'Where Athena writes query results',
				placeholder: 'e.g. s3://bucket/path/',
			},
			{
				key: 'accessKeyId',
				displayName: 'Access Key ID',
				type: 'string',
				requiredOnCreate: true,
				description: 'The AWS access key ID',
			},
			{
				key: 'secretAccessKey',
				displayName: 'Secret Access Key',
				type: 'string',
				requiredOnCreate: true,
				secret: true,
				description: 'The AWS secret access key',
			},
			{
				key: 'catalog',
				displayName: 'Catalog',
				type: 'string',
				nullable: true,
				description: 'The data catalog',
			},
			{
				key: 'workgroup',
				displayName: 'Workgroup',
				type: 'string',
				nullable: true,
				description: 'The Athena workgroup',
			},
		],
	},
	bigquery: {
		name: 'BigQuery',
		fields: [
			{
				key: 'projectId',
				displayName: 'BigQuery Project ID',
				type: 'string',
				requiredOnCreate: true,
				description: 'The Google Cloud project ID',
			},
			{
				key: 'serviceAccountJsonConfig',
				displayName: 'Service Account JSON',
				type: 'string',
				requiredOnCreate: true,
				secret: true,
				description: 'The service account key file, as JSON text',
			},
			{
				key: 'enableStorageApi',
				displayName: 'Enable Storage API',
				type: 'boolean',
				description: 'Whether to read results with the BigQuery Storage API',
			},
			{
				key: 'enableDriveAccess',
				displayName: 'Enable Drive Access',
				type: 'boolean',
				description: 'Whether to allow queries over Google Drive tables',
			},
		],
	},
	databricks: {
		name: 'Databricks',
		fields: [
			{
				key: 'jdbcUrl',
				displayName: 'JDBC URL',
				type: 'string',
				requiredOnCreate: true,
				description: 'The JDBC URL of the SQL warehouse or cluster',
				placeholder: 'e.g. jdbc:databricks://…',
			},
			{
				key: 'accessToken',
				displayName: 'Access Token',
				type: 'string',
				requiredOnCreate: true,
				secret: true,
				description: 'A Databricks personal access token',
			},
		],
	},
	postgres: {
		name: 'PostgreSQL',
		fields: [hostname('The database host'), port('5432'), database, username, password(true)],
	},
	redshift: {
		name: 'Redshift',
		fields: [
			{
				key: 'host',
				displayName: 'Host',
				type: 'string',
				requiredOnCreate: true,
				description: 'The cluster endpoint host',
				placeholder: 'e.g. cluster.abc123.us-east-1.redshift.amazonaws.com',
			},
			port('5439'),
			database,
			username,
			password(true),
			{
				key: 'sslRootCert',
				displayName: 'SSL Root Certificate',
				type: 'string',
				nullable: true,
				pem: true,
				description: 'A custom root certificate (PEM)',
			},
		],
	},
	snowflake: {
		name: 'Snowflake',
		fields: [
			{
				key: 'accountName',
				displayName: 'Account Name',
				type: 'string',
				requiredOnCreate: true,
				description: 'The Snowflake account identifier',
				placeholder: 'e.g. myorg-myaccount',
			},
			{
				key: 'warehouse',
				displayName: 'Warehouse',
				type: 'string',
				requiredOnCreate: true,
				description: 'The warehouse that runs queries',
			},
			database,
			username,
			{
				key: 'privateKey',
				displayName: 'Private Key',
				type: 'string',
				requiredOnCreate: true,
				secret: true,
				pem: true,
				description:
					'The key-pair private key (PEM); Hex only accepts key-pair auth here. Line breaks lost when pasting are restored.',
			},
			{
				key: 'passphrase',
				displayName: 'Private Key Passphrase',
				type: 'string',
				requiredOnCreate: true,
				secret: true,
				description: 'The passphrase of the private key',
			},
			{
				key: 'schema',
				displayName: 'Schema',
				type: 'string',
				nullable: true,
				description: 'The default schema',
			},
			{
				key: 'role',
				displayName: 'Role',
				type: 'string',
				nullable: true,
				description: 'The role to use',
			},
		],
	},
	trino: {
		name: 'Trino',
		fields: [
			hostname('The Trino coordinator host'),
			port('443'),
			username,
			password(false),
			{
				key: 'catalog',
				displayName: 'Catalog',
				type: 'string',
				description: 'The default catalog',
			},
			{ key: 'schema', displayName: 'Schema', type: 'string', description: 'The default schema' },
			{
				key: 'sessionProperties',
				displayName: 'Session Properties',
				type: 'keyValues',
				nullable: true,
				description: 'Session properties set on every connection',
			},
		],
	},
};

export const connectionTypeOptions: INodePropertyOptions[] = Object.entries(CONNECTION_TYPES)
	.map(([value, { name }]) => ({ name, value }))
	.sort((a, b) => a.name.localeCompare(b.name));

function parameterName(type: string, key: string): string {
	return `${type}${key.charAt(0).toUpperCase()}${key.slice(1)}`;
}

function toProperty(type: string, field: DetailField): INodeProperties {
	const base = {
		displayName: field.displayName,
		name: parameterName(type, field.key),
		description: field.description,
		...(field.placeholder ? { placeholder: field.placeholder } : {}),
	};
	if (field.type === 'keyValues') {
		return {
			...base,
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			placeholder: 'Add Session Property',
			options: [
				{
					displayName: 'Property',
					name: 'property',
					values: [
						{ displayName: 'Key', name: 'key', type: 'string', default: '' },
						{ displayName: 'Value', name: 'value', type: 'string', default: '' },
					],
				},
			],
		};
	}
	if (field.type === 'number') return { ...base, type: 'number', default: 0 };
	if (field.type === 'boolean') return { ...base, type: 'boolean', default: false };
	return {
		...base,
		type: 'string',
		default: '',
		...(field.secret ? { typeOptions: { password: true } } : {}),
	};
}

/** Create: required details as top-level required fields, the rest under "Connection Options". */
export function createDetailProperties(show: IDataObject): INodeProperties[] {
	return Object.entries(CONNECTION_TYPES).flatMap(([type, { fields }]) => {
		const typeShow = { show: { ...show, connectionType: [type] } };
		const required = fields
			.filter((field) => field.requiredOnCreate)
			.map((field) => ({ ...toProperty(type, field), required: true, displayOptions: typeShow }));
		const optional = fields.filter((field) => !field.requiredOnCreate);
		const options: INodeProperties[] = optional.length
			? [
					{
						displayName: 'Connection Options',
						name: `${type}Options`,
						type: 'collection',
						placeholder: 'Add Option',
						default: {},
						displayOptions: typeShow,
						options: optional.map((field) => toProperty(type, field)),
					},
				]
			: [];
		return [...required, ...options];
	});
}

/** Update: every detail is optional; only the ones added are sent (e.g. to rotate a password). */
export function updateDetailProperties(show: IDataObject): INodeProperties[] {
	return Object.entries(CONNECTION_TYPES).map(([type, { fields }]) => ({
		displayName: 'Connection Details',
		name: `${type}Details`,
		type: 'collection',
		placeholder: 'Add Detail',
		default: {},
		description: 'The connection settings to change; unset ones stay as they are',
		displayOptions: { show: { ...show, connectionType: [type] } },
		options: fields.map((field) => toProperty(type, field)),
	}));
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

/**
 * PEM blocks with their line breaks: a one-line (password) box turns them into spaces or drops
 * them, and a JSON-escaped key carries a literal \n. The base64 body is rewrapped at 64
 * characters. A block with headers (legacy encrypted keys) is left as it is.
 */
export function normalizePem(text: string): string {
	const unescaped = text.replace(/\\r\\n|\\n/g, '\n').replace(/\r\n?/g, '\n');
	if (!unescaped.includes('-----BEGIN ')) return text;
	const rebuilt = unescaped.trim().replace(PEM_BLOCK, (block, label: string, body: string) => {
		if (body.includes(':')) return block;
		const lines = body.replace(/\s+/g, '').match(/.{1,64}/g) ?? [];
		return [`-----BEGIN ${label}-----`, ...lines, `-----END ${label}-----`].join('\n');
	});
	// A chain of blocks (certificates): one line break between them.
	return rebuilt.replace(/-----\s+-----BEGIN /g, '-----\n-----BEGIN ');
}

function detailValue(field: DetailField, value: unknown): unknown {
	if (field.type === 'keyValues') {
		const rows = ((value as IDataObject)?.property ?? []) as IDataObject[];
		return rows.map((row) => ({ key: String(row.key ?? ''), value: String(row.value ?? '') }));
	}
	// Hex takes null for "none" on nullable fields (e.g. a Snowflake role); "" would be a name.
	if (field.nullable && typeof value === 'string' && value.trim() === '') return null;
	if (field.pem && typeof value === 'string') return normalizePem(value);
	return value;
}

/** Collects the chosen type's details into `connectionDetails: {<type>: {...}}`; other types' stay unsent. */
export function connectionDetailsPreSend(mode: 'create' | 'update') {
	return async function (
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const type = this.getNodeParameter('connectionType') as string;
		const spec = CONNECTION_TYPES[type];
		if (!spec) {
			throw new NodeOperationError(
				this.getNode(),
				`The "Type" parameter has an unsupported value: "${type}"`,
				{
					description: `Choose one of: ${Object.keys(CONNECTION_TYPES).join(', ')}. Nothing was sent to Hex.`,
				},
			);
		}
		const details: IDataObject = {};
		const collected =
			mode === 'update'
				? ((this.getNodeParameter(`${type}Details`, {}) as IDataObject) ?? {})
				: {
						...((this.getNodeParameter(`${type}Options`, {}) as IDataObject) ?? {}),
						...Object.fromEntries(
							spec.fields
								.filter((field) => field.requiredOnCreate)
								.map((field) => [
									parameterName(type, field.key),
									this.getNodeParameter(parameterName(type, field.key)),
								]),
						),
					};
		for (const field of spec.fields) {
			const name = parameterName(type, field.key);
			if (!(name in collected)) continue;
			const value = collected[name];
			if (
				mode === 'create' &&
				field.requiredOnCreate &&
				(value === '' || value === undefined || value === null)
			) {
				throw new NodeOperationError(
					this.getNode(),
					`The "${field.displayName}" parameter is required for ${spec.name} connections`,
					{
						description: `${field.description}. Nothing was sent to Hex.`,
					},
				);
			}
			details[field.key] = detailValue(field, value) as IDataObject[string];
		}
		if (mode === 'update' && Object.keys(details).length === 0) return requestOptions;
		requestOptions.body = {
			...(requestOptions.body as IDataObject),
			connectionDetails: { [type]: details },
		};
		return requestOptions;
	};
}
