import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import type { InputParameterNames } from '../../shared/projectInputParameters';
import { readInputParameters, readNamedValues } from '../../shared/projectInputParameters';
import { fail } from '../../shared/fieldValues';

/** CreatePresignedUrl's documented maximum for `expiresIn` (milliseconds). */
export const MAX_EXPIRES_IN_MS = 300_000;
export const EMBEDDING_INPUT_PARAMETERS: InputParameterNames = {
	mode: 'embeddingInputParametersMode',
	fields: 'embeddingInputParameters',
	json: 'embeddingInputParametersJson',
};
export const EMBEDDING_FIELDS = 'embeddingAdditionalFields';
const SCOPES = ['EXPORT_CSV', 'EXPORT_PDF'];
const DISPLAY_FLAGS = [
	'showEmbeddedRunButton',
	'noEmbedHeaderPadding',
	'noEmbedBasePadding',
	'noEmbedOutline',
	'noEmbedFooter',
];

// Hex takes a string-to-string map; other values are sent as text (objects as JSON).
function attributeText(value: unknown): string {
	if (typeof value === 'string') return value;
	if (value === undefined || value === null) return '';
	return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** CreatePresignedUrl's body (required by Hex, so at least `{}`), from the fields the user set. */
export async function buildEmbeddingBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const fields = this.getNodeParameter(EMBEDDING_FIELDS, {}) as IDataObject;
	const body: IDataObject = {};

	const attributes = readNamedValues(
		this,
		`${EMBEDDING_FIELDS}.hexUserAttributes.attribute`,
		'Hex user attribute',
		undefined,
		attributeText,
	);
	if (Object.keys(attributes).length > 0) body.hexUserAttributes = attributes;

	if (fields.scope !== undefined) {
		const scope = (Array.isArray(fields.scope) ? fields.scope : [fields.scope]).map(String);
		const unknown = scope.find((entry) => !SCOPES.includes(entry));
		if (unknown !== undefined) {
			fail(
				this,
				`The "Scope" parameter has an unknown scope: "${unknown}"`,
				`Hex knows ${SCOPES.join(' and ')}.`,
			);
		}
		if (scope.length > 0) body.scope = scope;
	}

	const inputParameters = readInputParameters(this, undefined, EMBEDDING_INPUT_PARAMETERS);
	if (inputParameters && Object.keys(inputParameters).length > 0) {
		body.inputParameters = inputParameters;
	}

	if (fields.expiresIn !== undefined) {
		const expiresIn = fields.expiresIn;
		if (typeof expiresIn !== 'number' || !(expiresIn > 0) || expiresIn > MAX_EXPIRES_IN_MS) {
			fail(
				this,
				`The "Expires In (Ms)" parameter must be between 1 and ${MAX_EXPIRES_IN_MS} milliseconds, got ${JSON.stringify(expiresIn)}`,
				'It is the time between getting the URL and loading it; Hex’s default is 15 000 (15 seconds), its maximum 300 000 (5 minutes).',
			);
		}
		body.expiresIn = expiresIn;
	}

	const display = this.getNodeParameter('displayOptions', {}) as IDataObject;
	const displayOptions: IDataObject = {};
	if (display.theme !== undefined) {
		if (display.theme !== 'light' && display.theme !== 'dark') {
			fail(
				this,
				`The "Theme" parameter must be "light" or "dark", got ${JSON.stringify(display.theme)}`,
				'Hex offers a light and a dark theme.',
			);
		}
		displayOptions.theme = display.theme;
	}
	for (const flag of DISPLAY_FLAGS) {
		if (typeof display[flag] === 'boolean') displayOptions[flag] = display[flag];
	}
	if (Object.keys(displayOptions).length > 0) body.displayOptions = displayOptions;

	if (typeof fields.testMode === 'boolean') body.testMode = fields.testMode;

	// Hex requires a body; n8n's HTTP client drops an empty object, so `{}` goes as JSON text.
	requestOptions.body = Object.keys(body).length > 0 ? body : '{}';
	return requestOptions;
}
