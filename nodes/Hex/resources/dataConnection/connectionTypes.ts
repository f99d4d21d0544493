import type { INodePropertyOptions } from 'n8n-workflow';

/** One connection-details field of Hex's CreateConnectionDetails / EditConnectionDetails. */
export interface DetailField {
	key: string;
	displayName: string;
	/** Text when not set. */
	type?: 'number' | 'boolean' | 'keyValues';
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
	requiredOnCreate: true,
	description: 'The database user Hex connects as',
};
const password = (requiredOnCreate: boolean): DetailField => ({
	key: 'password',
	displayName: 'Password',
	requiredOnCreate,
	secret: true,
	description: 'The password of that user',
});
const database: DetailField = {
	key: 'database',
	displayName: 'Database',
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
				requiredOnCreate: true,
				description: 'Where Athena writes query results',
				placeholder: 'e.g. s3://bucket/path/',
			},
			{
				key: 'accessKeyId',
				displayName: 'Access Key ID',
				requiredOnCreate: true,
				description: 'The AWS access key ID',
			},
			{
				key: 'secretAccessKey',
				displayName: 'Secret Access Key',
				requiredOnCreate: true,
				secret: true,
				description: 'The AWS secret access key',
			},
			{
				key: 'catalog',
				displayName: 'Catalog',
				nullable: true,
				description: 'The data catalog',
			},
			{
				key: 'workgroup',
				displayName: 'Workgroup',
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
				requiredOnCreate: true,
				description: 'The Google Cloud project ID',
			},
			{
				key: 'serviceAccountJsonConfig',
				displayName: 'Service Account JSON',
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
				requiredOnCreate: true,
				description: 'The JDBC URL of the SQL warehouse or cluster',
				placeholder: 'e.g. jdbc:databricks://…',
			},
			{
				key: 'accessToken',
				displayName: 'Access Token',
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
				requiredOnCreate: true,
				description: 'The Snowflake account identifier',
				placeholder: 'e.g. myorg-myaccount',
			},
			{
				key: 'warehouse',
				displayName: 'Warehouse',
				requiredOnCreate: true,
				description: 'The warehouse that runs queries',
			},
			database,
			username,
			{
				key: 'privateKey',
				displayName: 'Private Key',
				requiredOnCreate: true,
				secret: true,
				pem: true,
				description:
					'The key-pair private key (PEM); Hex only accepts key-pair auth here. Line breaks lost when pasting are restored.',
			},
			{
				key: 'passphrase',
				displayName: 'Private Key Passphrase',
				requiredOnCreate: true,
				secret: true,
				description: 'The passphrase of the private key',
			},
			{
				key: 'schema',
				displayName: 'Schema',
				nullable: true,
				description: 'The default schema',
			},
			{
				key: 'role',
				displayName: 'Role',
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
				description: 'The default catalog',
			},
			{ key: 'schema', displayName: 'Schema', description: 'The default schema' },
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

/** The node parameter of a detail: the type, then the key (`postgresHostname`). */
export function parameterName(type: string, key: string): string {
	return `${type}${key.charAt(0).toUpperCase()}${key.slice(1)}`;
}
