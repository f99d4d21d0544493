import { pageSearch } from './searchInPages';

export const searchUsers = pageSearch({
	url: '/v1/users',
	pageSize: 500,
	toItem: (user) => ({
		name: user.name ? `${String(user.name)} <${String(user.email)}>` : String(user.email),
		value: String(user.id),
	}),
});
