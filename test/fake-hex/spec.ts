// Reads Hex's OpenAPI spec (the same file the zod schemas are generated from) to know, per
// operation: its route, its error envelope style, and the types of its query parameters.
import rawSpec from '../hex-openapi/openapi.json';

interface SchemaObject {
	$ref?: string;
	type?: string;
	items?: SchemaObject;
	allOf?: SchemaObject[];
	anyOf?: SchemaObject[];
	oneOf?: SchemaObject[];
	nullable?: boolean;
}

interface ParameterObject {
	in: 'path' | 'query' | 'header' | 'cookie';
	name: string;
	required?: boolean;
	schema?: SchemaObject;
}

interface OperationObject {
	operationId: string;
	parameters?: ParameterObject[];
	requestBody?: { required?: boolean; content?: Record<string, unknown> };
	responses: Record<string, { content?: Record<string, { schema?: SchemaObject }> }>;
}

interface OpenApiDocument {
	paths: Record<string, Record<string, OperationObject>>;
	components: { schemas: Record<string, SchemaObject> };
}

const spec = rawSpec as unknown as OpenApiDocument;

/**
 * "T" = tsoa-style errors `{ reason, details?, traceId }`;
 * "N" = `{ code, message, issues: [{ message }] }`.
 */
export type ErrorStyle = 'T' | 'N';

export type ParamKind = 'string' | 'number' | 'boolean' | 'array' | 'unknown';

export interface QueryParam {
	name: string;
	kind: ParamKind;
	/** For arrays: the kind of the items. */
	itemKind?: ParamKind;
}

export interface OperationInfo {
	operationId: string;
	method: string;
	/** Path as written in the spec, e.g. /v1/projects/{projectId}. */
	specPath: string;
	/** Path used for matching (the spec's regex-looking semantic path fixed). */
	path: string;
	pathParams: string[];
	queryParams: QueryParam[];
	headerParams: string[];
	hasBody: boolean;
	bodyRequired: boolean;
	successStatus: number;
	errorStyle: ErrorStyle;
	matcher: RegExp;
}

function resolve(schema: SchemaObject | undefined, depth = 0): SchemaObject | undefined {
	if (!schema || depth > 10) return schema;
	if (schema.$ref) {
		const name = decodeURIComponent(schema.$ref.replace('#/components/schemas/', ''));
		return resolve(spec.components.schemas[name], depth + 1);
	}
	if (schema.allOf && schema.allOf.length === 1) return resolve(schema.allOf[0], depth + 1);
	return schema;
}

function kindOf(schema: SchemaObject | undefined): ParamKind {
	const s = resolve(schema);
	switch (s?.type) {
		case 'integer':
		case 'number':
			return 'number';
		case 'boolean':
			return 'boolean';
		case 'string':
			return 'string';
		case 'array':
			return 'array';
		default:
			return 'unknown';
	}
}

function refersTo(schema: SchemaObject | undefined, predicate: (ref: string) => boolean): boolean {
	if (!schema) return false;
	if (schema.$ref && predicate(schema.$ref)) return true;
	return [...(schema.allOf ?? []), ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].some((s) =>
		refersTo(s, predicate),
	);
}

function errorStyleOf(op: OperationObject): ErrorStyle {
	for (const [status, response] of Object.entries(op.responses)) {
		if (Number(status) < 400) continue;
		const schema = response.content?.['application/json']?.schema;
		if (refersTo(schema, (ref) => ref.includes('TsoaErrorResponsePayload'))) return 'T';
		if (refersTo(schema, (ref) => ref.startsWith('#/components/schemas/error.'))) return 'N';
	}
	return 'N';
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function buildOperation(specPath: string, method: string, op: OperationObject): OperationInfo {
	const path = specPath.replace('semantic-(projects|models)', 'semantic-projects');
	const pathParams: string[] = [];
	const pattern = path
		.split(/(\{[^}]+\})/)
		.map((part) => {
			const m = /^\{(.+)\}$/.exec(part);
			if (!m) return escapeRegExp(part);
			pathParams.push(m[1]);
			return '([^/]+)';
		})
		.join('');
	const params = op.parameters ?? [];
	const success = Object.keys(op.responses)
		.map(Number)
		.filter((s) => s >= 200 && s < 300)
		.sort((a, b) => a - b);
	return {
		operationId: op.operationId,
		method: method.toUpperCase(),
		specPath,
		path,
		pathParams,
		queryParams: params
			.filter((p) => p.in === 'query')
			.map((p) => ({
				name: p.name,
				kind: kindOf(p.schema),
				itemKind: kindOf(resolve(p.schema)?.items),
			})),
		headerParams: params.filter((p) => p.in === 'header').map((p) => p.name.toLowerCase()),
		hasBody: !!op.requestBody,
		bodyRequired: !!op.requestBody?.required,
		successStatus: success[0] ?? 200,
		errorStyle: errorStyleOf(op),
		matcher: new RegExp(`^${pattern}$`),
	};
}

export const operations: OperationInfo[] = Object.entries(spec.paths).flatMap(([path, item]) =>
	Object.entries(item).map(([method, op]) => buildOperation(path, method, op)),
);

export const operationsById: ReadonlyMap<string, OperationInfo> = new Map(
	operations.map((op) => [op.operationId, op]),
);

// Static paths first, so /v1/users/me wins over a /v1/users/{id} of the same method.
const byPrecedence = [...operations].sort((a, b) => a.pathParams.length - b.pathParams.length);

export interface OperationMatch {
	op: OperationInfo;
	params: Record<string, string>;
}

function safeDecode(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		// Malformed escapes stay as sent; validation or the lookup then rejects them.
		return segment;
	}
}

/** Finds the operation for a method and a path relative to the API root (e.g. /v1/users). */
export function matchOperation(method: string, path: string): OperationMatch | undefined {
	for (const op of byPrecedence) {
		if (op.method !== method.toUpperCase()) continue;
		const m = op.matcher.exec(path);
		if (!m) continue;
		const params: Record<string, string> = {};
		op.pathParams.forEach((name, i) => {
			params[name] = safeDecode(m[i + 1]);
		});
		return { op, params };
	}
	return undefined;
}

/** True when some operation exists on this path with another method (for the 404 message). */
export function pathExists(path: string): boolean {
	return operations.some((op) => op.matcher.test(path));
}
