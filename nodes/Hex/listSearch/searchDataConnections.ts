import { pageSearch } from './searchInPages';

export const searchDataConnections = pageSearch({
	url: '/v1/data-connections',
	pageSize: 100,
	toItem: (connection) => ({
		name: `${String(connection.name ?? connection.id)} (${String(connection.type ?? 'unknown')})`,
		value: String(connection.id),
	}),
});
