import { pageSearch } from './searchInPages';

export const searchCollections = pageSearch({
	url: '/v1/collections',
	pageSize: 100,
	qs: { sortBy: 'NAME' },
	toItem: (collection) => ({
		name: String(collection.name ?? collection.id),
		value: String(collection.id),
	}),
});
