import type { z } from 'zod';

import { HexApiError } from './envelopes';
import { schemasFor } from './schemas';
import type { OperationInfo, ParamKind } from './spec';

export interface RawRequestParts {
	params: Record<string, string>;
	/** Every query key with all its values, in order. */
	query: Record<string, string[]>;
	/** Lower-cased header names. */
	headers: Record<string, string>;
	/** Parsed JSON body, or undefined when the request had none. */
	body: unknown;
}

export interface ValidatedRequest {
	path: unknown;
	query: unknown;
	headers: unknown;
	body: unknown;
}

function coerceScalar(value: string, kind: ParamKind | undefined): unknown {
	if (kind === 'number' && value.trim() !== '' && !Number.isNaN(Number(value))) {
		return Number(value);
	}
	if (kind === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
	// Anything else stays a string, so zod reports the type mismatch.
	return value;
}

/**
 * Query strings only carry strings: convert them to what the spec declares (numbers, booleans,
 * arrays) before zod sees them. Keys the spec does not know are kept, so strict schemas reject
 * them; a non-array key repeated stays an array, so zod rejects that too.
 */
export function coerceQuery(
	op: OperationInfo,
	query: Record<string, string[]>,
): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [name, values] of Object.entries(query)) {
		const param = op.queryParams.find((p) => p.name === name);
		if (param?.kind === 'array') {
			out[name] = values.map((v) => coerceScalar(v, param.itemKind));
		} else {
			const coerced = values.map((v) => coerceScalar(v, param?.kind));
			out[name] = coerced.length === 1 ? coerced[0] : coerced;
		}
	}
	return out;
}

function issuePath(location: string, path: Array<string | number>): string {
	return [location, ...path].join('.');
}

/** One line per zod issue: "<location>.<path>: <message>". Unions report their closest branch. */
export function formatIssues(location: string, error: z.ZodError): string[] {
	const lines: string[] = [];
	for (const issue of error.issues) {
		if (issue.code === 'invalid_union' && issue.unionErrors.length) {
			// The branch that got furthest (deepest first issue, then fewest issues) is the one
			// the sender most likely meant.
			const best = [...issue.unionErrors].sort((a, b) => {
				const depth = (e: z.ZodError) => Math.max(...e.issues.map((i) => i.path.length));
				return depth(b) - depth(a) || a.issues.length - b.issues.length;
			})[0];
			lines.push(
				`${issuePath(location, issue.path)}: matches no allowed variant`,
				...formatIssues(location, best),
			);
		} else {
			lines.push(`${issuePath(location, issue.path)}: ${issue.message}`);
		}
	}
	return lines;
}

function isEmptyBody(body: unknown): boolean {
	return (
		body === undefined ||
		(typeof body === 'object' &&
			body !== null &&
			!Array.isArray(body) &&
			Object.keys(body).length === 0)
	);
}

/**
 * Validates path params, query, declared headers and body with the generated schemas. Throws a
 * 400 HexApiError listing every issue; returns the parsed parts (zod defaults applied).
 */
export function validateRequest(op: OperationInfo, raw: RawRequestParts): ValidatedRequest {
	const schemas = schemasFor(op.operationId);
	const issues: string[] = [];
	const result: ValidatedRequest = {
		path: undefined,
		query: undefined,
		headers: undefined,
		body: undefined,
	};

	const check = (
		location: keyof ValidatedRequest,
		schema: z.ZodTypeAny | undefined,
		value: unknown,
	) => {
		if (!schema) return;
		const parsed = schema.safeParse(value);
		if (parsed.success) result[location] = parsed.data;
		else issues.push(...formatIssues(location, parsed.error));
	};

	check('path', schemas.path, raw.params);

	const query = coerceQuery(op, raw.query);
	if (schemas.query) check('query', schemas.query, query);
	else if (Object.keys(query).length) {
		issues.push(`query: this operation takes no query parameters (got ${Object.keys(query)})`);
	}

	if (schemas.headers) {
		const declared: Record<string, string> = {};
		for (const name of op.headerParams) {
			if (raw.headers[name] !== undefined) declared[name] = raw.headers[name];
		}
		check('headers', schemas.headers, declared);
	}

	if (op.hasBody) {
		if (raw.body === undefined && !op.bodyRequired) {
			// Optional body left out: parse {} to get the defaults.
			check('body', schemas.body, {});
		} else {
			check('body', schemas.body, raw.body);
		}
	} else if (!isEmptyBody(raw.body)) {
		issues.push('body: this operation takes no request body');
	}

	if (issues.length) throw new HexApiError(400, 'Invalid input data', issues);
	return result;
}

/** Issues found in a response body the fake is about to send (empty when it is valid). */
export function responseIssues(operationId: string, body: unknown): string[] {
	const schema = schemasFor(operationId).response;
	if (!schema) return [];
	const parsed = schema.safeParse(body);
	return parsed.success ? [] : formatIssues('response', parsed.error);
}
