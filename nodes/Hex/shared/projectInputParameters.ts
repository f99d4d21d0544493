import type {
	IDataObject,
	IDisplayOptions,
	IExecuteSingleFunctions,
	INodeProperties,
} from 'n8n-workflow';

import { fail, readJsonObject } from './fieldValues';

/**
 * The descriptions of an operation's Input Parameters fields (the "None" mode, the mode selector
 * if any, the name/value rows, the JSON field); the fields are the same everywhere.
 */
export interface InputParameterTexts {
	none: string;
	mode?: string;
	fields: string;
	json: string;
}

/**
 * The parameter names of the three fields. Each operation that has them names them its own way
 * (`inputParameters…` for Run → Start): n8n evaluates every property named like a parameter.
 */
export interface InputParameterNames {
	mode: string;
	fields: string;
	json: string;
}

export const RUN_INPUT_PARAMETERS: InputParameterNames = {
	mode: 'inputParametersMode',
	fields: 'inputParameters',
	json: 'inputParametersJson',
};

/** The Input Parameters mode, its name/value rows and its JSON field (Run → Start, Embedding). */
export function inputParameterFields(
	show: NonNullable<IDisplayOptions['show']>,
	texts: InputParameterTexts,
	names: InputParameterNames = RUN_INPUT_PARAMETERS,
): INodeProperties[] {
	return [
		{
			// Not "Input Parameters" again: that is the list below it.
			displayName: 'Specify Input Parameters',
			name: names.mode,
			type: 'options',
			noDataExpression: true,
			displayOptions: { show },
			options: [
				{ name: 'None', value: 'none', description: texts.none },
				{ name: 'Using Fields Below', value: 'fields', description: 'Enter name and value pairs' },
				{ name: 'Using JSON', value: 'json', description: 'Enter one JSON object' },
			],
			default: 'none',
			...(texts.mode === undefined ? {} : { description: texts.mode }),
		},
		{
			displayName: 'Input Parameters',
			name: names.fields,
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Input Parameter',
			default: {},
			description: texts.fields,
			displayOptions: { show: { ...show, [names.mode]: ['fields'] } },
			options: [
				{
					displayName: 'Parameter',
					name: 'parameter',
					values: [
						{
							displayName: 'Name',
							name: 'name',
							type: 'string',
							default: '',
							placeholder: 'e.g. region',
							description: 'The input variable name in the Hex project',
						},
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
							placeholder: 'e.g. EMEA',
							description: 'The value; an expression may return a number, boolean, list or object',
						},
					],
				},
			],
		},
		{
			displayName: 'Input Parameters (JSON)',
			name: names.json,
			type: 'json',
			default: '{}',
			placeholder: 'e.g. {"region": "EMEA", "threshold": 10}',
			description: texts.json,
			displayOptions: { show: { ...show, [names.mode]: ['json'] } },
		},
	];
}

/** The advice in the errors about a nameless row and a name given twice. */
export interface PairAdvice {
	noName: string;
	twice: string;
}

const NAME_ADVICE: PairAdvice = {
	noName: 'Enter a name, or remove the empty row.',
	twice: 'Keep one row per name.',
};

interface Pair {
	name?: unknown;
	value?: unknown;
}

/**
 * Name/value rows to an object; a row needs a name and a name may stand once. `toValue` shapes
 * each value (e.g. strings only).
 */
export function readNamedValues(
	context: IExecuteSingleFunctions,
	parameter: string,
	label: string,
	advice: PairAdvice = NAME_ADVICE,
	toValue: (value: unknown) => unknown = (value) => value,
): IDataObject {
	const pairs = context.getNodeParameter(parameter, []) as Pair[];
	const result: IDataObject = {};
	pairs.forEach((pair, index) => {
		const name = String(pair.name ?? '').trim();
		if (name === '') fail(context, `${label} ${index + 1} has no name`, advice.noName);
		if (name in result) fail(context, `${label} "${name}" is given twice`, advice.twice);
		result[name] = toValue(pair.value) as IDataObject[keyof IDataObject];
	});
	return result;
}

/** The input parameters the fields of `inputParameterFields` hold; undefined for "None". */
export function readInputParameters(
	context: IExecuteSingleFunctions,
	advice: PairAdvice = NAME_ADVICE,
	names: InputParameterNames = RUN_INPUT_PARAMETERS,
): IDataObject | undefined {
	const mode = context.getNodeParameter(names.mode, 'none') as string;
	if (mode === 'json') {
		return readJsonObject(context, names.json, 'Input Parameters (JSON)', '{"region": "EMEA"}');
	}
	if (mode !== 'fields') return undefined;
	return readNamedValues(context, `${names.fields}.parameter`, 'Input parameter', advice);
}
