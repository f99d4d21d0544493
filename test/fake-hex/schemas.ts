// Indexes the generated zod schemas by operationId, e.g. operationSchemas.ListUsers.query.
// Naming convention (see openapi-ts.config.mjs): z<OperationId>{Path,Query,Headers,Body,ResponseBody}.
import type { z } from 'zod';

import * as generated from './generated/zod.gen';
import { operations } from './spec';

type Generated = typeof generated;

/** Every operationId of the spec (derived from the generated z<Op>ResponseBody names). */
export type OperationId = {
	[K in keyof Generated]: K extends `z${infer Op}ResponseBody` ? Op : never;
}[keyof Generated];

type Lookup<K extends string> = K extends keyof Generated ? Generated[K] : undefined;

export interface OperationSchemaSet<Op extends OperationId> {
	path: Lookup<`z${Op}Path`>;
	query: Lookup<`z${Op}Query`>;
	headers: Lookup<`z${Op}Headers`>;
	body: Lookup<`z${Op}Body`>;
	response: Lookup<`z${Op}ResponseBody`>;
}

export type OperationSchemas = { [Op in OperationId]: OperationSchemaSet<Op> };

/** Parsed (defaults applied) request part, or undefined when the operation has none. */
export type Parsed<S> = S extends z.ZodTypeAny ? z.output<S> : undefined;
/** What a handler may return as the success body (the schema's input type). */
export type ResponseOf<Op extends OperationId> =
	OperationSchemaSet<Op>['response'] extends z.ZodTypeAny
		? z.input<OperationSchemaSet<Op>['response']>
		: never;

function lookup(name: string): z.ZodTypeAny | undefined {
	return (generated as unknown as Record<string, z.ZodTypeAny | undefined>)[name];
}

function buildIndex(): OperationSchemas {
	const index: Record<string, Record<string, z.ZodTypeAny | undefined>> = {};
	for (const op of operations) {
		const id = op.operationId;
		const response = lookup(`z${id}ResponseBody`);
		if (!response) {
			throw new Error(`Generated schemas lack z${id}ResponseBody; run npm run generate:schemas`);
		}
		index[id] = {
			path: lookup(`z${id}Path`),
			query: lookup(`z${id}Query`),
			headers: lookup(`z${id}Headers`),
			body: lookup(`z${id}Body`),
			response,
		};
	}
	return index as unknown as OperationSchemas;
}

export const operationSchemas: OperationSchemas = buildIndex();

/** Loosely typed access for generic code (validation). */
export function schemasFor(
	operationId: string,
): Partial<Record<keyof OperationSchemaSet<OperationId>, z.ZodTypeAny>> {
	return (operationSchemas as unknown as Record<string, Record<string, z.ZodTypeAny>>)[operationId];
}
