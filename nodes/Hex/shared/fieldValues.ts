// Reading and checking field values before anything is sent: JSON objects, ID lists, names,
// empty updates, and the one way to refuse a value (`fail`).
import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';
import { NodeOperationError, jsonParse } from 'n8n-workflow';

import { isHexId } from './pathParameters';

/** Reads a JSON parameter that must hold an object; the error names the field and shows the fix. */
export function readJsonObject(
	context: IExecuteSingleFunctions,
	name: string,
	label: string,
	example: string,
): IDataObject {
	const raw = context.getNodeParameter(name, '{}') as unknown;
	let value: unknown = raw;
	if (typeof raw === 'string') {
		try {
			value = jsonParse(raw.trim() === '' ? '{}' : raw);
		} catch (error) {
			fail(
				context,
				`The "${label}" parameter is not valid JSON`,
				`${(error as Error).message}. Enter a JSON object such as ${example}.`,
			);
		}
	}
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		fail(
			context,
			`The "${label}" parameter must be a JSON object`,
			`Got ${Array.isArray(value) ? 'an array' : typeof value}. Enter a JSON object such as ${example}.`,
		);
	}
	return value as IDataObject;
}

/** "a, b,,c" → ["a", "b", "c"]; arrays pass through (expressions may produce them). */
export function splitList(value: unknown): string[] {
	const parts = Array.isArray(value) ? value : String(value ?? '').split(',');
	return parts.map((part) => String(part).trim()).filter((part) => part !== '');
}

/**
 * A comma-separated list (or an array from an expression) of Hex IDs, each checked before
 * anything is sent; `invalid` words the message for the first one that is not a UUID.
 */
export function readHexIdList(
	context: IExecuteSingleFunctions,
	value: unknown,
	invalid: (id: string) => string,
	advice: string,
	{ unique }: { unique: boolean },
): string[] {
	const listed = splitList(value);
	const ids = unique ? [...new Set(listed)] : listed;
	const bad = ids.find((id) => !isHexId(id));
	if (bad !== undefined) fail(context, invalid(bad), advice);
	return ids;
}

/** The list cut into consecutive parts of at most `size` entries (one request each). */
export function chunks<T>(values: T[], size: number): T[][] {
	const parts: T[][] = [];
	for (let start = 0; start < values.length; start += size) {
		parts.push(values.slice(start, start + size));
	}
	return parts;
}

/** Stops an operation over a parameter the user must fix, before anything reaches Hex. */
export function fail(
	context: IExecuteSingleFunctions,
	message: string,
	description: string,
): never {
	throw new NodeOperationError(context.getNode(), message, {
		description: `${description} Nothing was sent to Hex.`,
	});
}

/** A required name parameter, trimmed; an empty one is refused (`what` is what it names). */
export function readName(
	context: IExecuteSingleFunctions,
	parameter: string,
	what: string,
): string {
	const name = String(context.getNodeParameter(parameter, '') ?? '').trim();
	if (name === '') fail(context, 'The "Name" parameter is empty', `Enter a name for the ${what}.`);
	return name;
}

/** An update that would change nothing is refused; `advice` says what could be set. */
export function refuseEmptyUpdate(
	context: IExecuteSingleFunctions,
	changes: IDataObject,
	advice: string,
): void {
	if (Object.keys(changes).length === 0) fail(context, 'Nothing to update', advice);
}
