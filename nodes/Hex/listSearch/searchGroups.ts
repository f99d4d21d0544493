import { pageSearch } from './searchInPages';

export const searchGroups = pageSearch({
	url: '/v1/groups',
	pageSize: 500,
	qs: { sortBy: 'NAME', sortDirection: 'ASC' },
	toItem: (group) => ({
		name: String(group.name ?? group.id),
		value: String(group.id),
	}),
});
