import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';
import { NodeOperationError, jsonParse } from 'n8n-workflow';

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
			throw new NodeOperationError(
				context.getNode(),
				`The "${label}" parameter is not valid JSON`,
				{
					description: `${(error as Error).message}. Enter a JSON object such as ${example}. Nothing was sent to Hex.`,
				},
			);
		}
	}
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		throw new NodeOperationError(
			context.getNode(),
			`The "${label}" parameter must be a JSON object`,
			{
				description: `Got ${Array.isArray(value) ? 'an array' : typeof value}. Enter a JSON object such as ${example}. Nothing was sent to Hex.`,
			},
		);
	}
	return value as IDataObject;
}

/** "a, b,,c" → ["a", "b", "c"]; arrays pass through (expressions may produce them). */
export function splitList(value: unknown): string[] {
	const parts = Array.isArray(value) ? value : String(value ?? '').split(',');
	return parts.map((part) => String(part).trim()).filter((part) => part !== '');
}
