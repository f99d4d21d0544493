import { pageSearch } from './searchInPages';

export const searchProjects = pageSearch({
	url: '/v1/projects',
	pageSize: 100,
	qs: { sortBy: 'LAST_EDITED_AT', sortDirection: 'DESC' },
	toItem: (project) => ({
		name: String(project.title ?? project.id),
		value: String(project.id),
	}),
});
