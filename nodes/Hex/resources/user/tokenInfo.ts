import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

// Hex documents `exp` as a number without a unit; JWT-style seconds are assumed, milliseconds accepted.
function expiryToIso(exp: unknown): string | null {
	if (typeof exp !== 'number' || !Number.isFinite(exp)) return null;
	const milliseconds = exp > 1e12 ? exp : exp * 1000;
	return new Date(milliseconds).toISOString();
}

/** Personal tokens answer with the user's fields; workspace tokens only with `org` and `token`. */
export async function describeTokenOwner(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return items.map((item) => {
		const me = item.json;
		const token = (me.token ?? null) as IDataObject | null;
		return {
			...item,
			json: {
				...me,
				tokenType: typeof me.id === 'string' ? 'personal' : 'workspace',
				tokenExpiresAt: expiryToIso(token?.exp),
			},
		};
	});
}
