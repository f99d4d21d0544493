import { pageSearch } from './searchInPages';

/** Picker for guide drafts (ListDraftGuides, up to 100 per page), matched on path and ID. */
export const searchGuideDrafts = pageSearch({
	url: '/v1/guides/draft/list',
	pageSize: 100,
	toItem: (draft) => ({ name: String(draft.filePath), value: String(draft.id) }),
});
