import { HexApiError } from '../envelopes';

export interface CursorPage<T> {
	values: T[];
	pagination: { after: string | null; before: string | null };
}

// Cursors are opaque to clients: base64url of a scope (the operation, or one thread's messages)
// and an item index; a cursor from another scope is refused.
export function encode(operationId: string, index: number): string {
	return Buffer.from(JSON.stringify({ op: operationId, i: index })).toString('base64url');
}

export function decode(operationId: string, cursor: unknown, total: number): number {
	if (typeof cursor !== 'string' || cursor === '') {
		throw new HexApiError(400, 'Invalid pagination cursor', [`cursor: ${JSON.stringify(cursor)}`]);
	}
	let decoded: { op?: unknown; i?: unknown } | undefined;
	try {
		decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as typeof decoded;
	} catch {
		decoded = undefined;
	}
	const index = decoded?.i;
	if (
		decoded?.op !== operationId ||
		typeof index !== 'number' ||
		!Number.isInteger(index) ||
		index < 0 ||
		index > total
	) {
		throw new HexApiError(400, 'Invalid pagination cursor', [
			`cursor: ${cursor} is not valid here`,
		]);
	}
	return index;
}

const given = (value: unknown) => value !== undefined && value !== null;

/**
 * Cursor pagination as in Hex's list endpoints: `after` continues forward (null on the last
 * page), `before` goes back (null on the first page).
 */
export function paginate<T>(
	operationId: string,
	items: T[],
	query: { limit?: number; after?: unknown; before?: unknown },
): CursorPage<T> {
	const limit = Math.max(1, Math.floor(query.limit ?? 25));
	if (given(query.after) && given(query.before)) {
		throw new HexApiError(400, 'Invalid pagination', [
			'query: pass either after or before, not both',
		]);
	}
	let start = 0;
	let end = Math.min(items.length, limit);
	if (given(query.after)) {
		start = decode(operationId, query.after, items.length);
		end = Math.min(items.length, start + limit);
	} else if (given(query.before)) {
		end = decode(operationId, query.before, items.length);
		start = Math.max(0, end - limit);
	}
	return {
		values: items.slice(start, end),
		pagination: {
			after: end < items.length ? encode(operationId, end) : null,
			before: start > 0 ? encode(operationId, start) : null,
		},
	};
}

export type SortDirection = 'ASC' | 'DESC';

/** Stable sort by a key (nulls last in both directions), ties broken by id. */
export function sortBy<T extends { id: string }>(
	items: T[],
	key: (item: T) => string | number | null,
	direction: SortDirection,
): T[] {
	const sign = direction === 'ASC' ? 1 : -1;
	return [...items].sort((a, b) => {
		const ka = key(a);
		const kb = key(b);
		if (ka === null || kb === null) {
			if (ka === kb) return a.id.localeCompare(b.id);
			return ka === null ? 1 : -1;
		}
		const cmp =
			typeof ka === 'number' && typeof kb === 'number'
				? ka - kb
				: String(ka).localeCompare(String(kb));
		return cmp !== 0 ? cmp * sign : a.id.localeCompare(b.id);
	});
}
