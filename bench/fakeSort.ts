// The fake's ListUsers sorts every user (localeCompare) on every page: ~1.3 s per page at 50,000
// users, on the same thread as the client being measured. The bench swaps in this memoised
// `sortBy`: the original runs once per distinct input, later pages reuse its order. The result is
// exactly the original's (same items, same keys, same direction, checked each call in O(n)); only
// the repeated sorting is gone. Used through jest.mock in the bench files.
import type * as Pagination from '../test/fake-hex/routes/pagination';

type SortBy = typeof Pagination.sortBy;

export function paginationWithMemoisedSort(actual: typeof Pagination): typeof Pagination {
	let last: { items: unknown[]; keys: unknown[]; direction: string; sorted: unknown[] } | undefined;

	const sortBy: SortBy = (items, key, direction) => {
		const keys = items.map(key);
		const same =
			last !== undefined &&
			last.direction === direction &&
			last.items.length === items.length &&
			items.every((item, i) => item === last?.items[i] && keys[i] === last?.keys[i]);
		if (!same) {
			last = { items: [...items], keys, direction, sorted: actual.sortBy(items, key, direction) };
		}
		return [...(last?.sorted ?? [])] as typeof items;
	};

	return { ...actual, sortBy };
}
