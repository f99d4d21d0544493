import type { IDataObject } from 'n8n-workflow';

import type { CursorQuery } from '../../../../nodes/Hex/shared/pagination';
import { cursorPages } from '../../../../nodes/Hex/shared/pagination';

/** A fake list: the answers in turn, and the cursor query each request was given. */
function listOf(answers: Array<{ values: string[]; cursor?: unknown }>, cursorKey = 'after') {
	const asked: CursorQuery[] = [];
	const fetch = async (cursor: CursorQuery) => {
		const { values, cursor: next } = answers[asked.length];
		asked.push(cursor);
		const body: IDataObject = { values, pagination: { [cursorKey]: next ?? null } };
		return { values, body };
	};
	return { asked, fetch };
}

async function read(pages: AsyncGenerator<string[]>, stopAt = Infinity): Promise<string[][]> {
	const pagesRead: string[][] = [];
	for await (const values of pages) {
		pagesRead.push(values);
		if (pagesRead.length >= stopAt) break;
	}
	return pagesRead;
}

describe('cursorPages', () => {
	test('follows the cursor until a page has none', async () => {
		const list = listOf([
			{ values: ['a'], cursor: 'c1' },
			{ values: ['b'], cursor: 'c2' },
			{ values: ['c'] },
		]);
		expect(await read(cursorPages(list.fetch))).toEqual([['a'], ['b'], ['c']]);
		expect(list.asked).toEqual([{}, { after: 'c1' }, { after: 'c2' }]);
	});

	test('stops on an empty cursor, a repeated cursor or an empty page', async () => {
		const empty = listOf([{ values: ['a'], cursor: '' }]);
		expect(await read(cursorPages(empty.fetch))).toEqual([['a']]);
		const repeated = listOf([
			{ values: ['a'], cursor: 'c1' },
			{ values: ['b'], cursor: 'c1' },
		]);
		expect(await read(cursorPages(repeated.fetch))).toEqual([['a'], ['b']]);
		const emptyPage = listOf([{ values: [], cursor: 'c1' }]);
		expect(await read(cursorPages(emptyPage.fetch))).toEqual([[]]);
		expect([empty.asked.length, repeated.asked.length, emptyPage.asked.length]).toEqual([1, 2, 1]);
	});

	test('with a full page size, a shorter page is the last', async () => {
		const list = listOf([
			{ values: ['a', 'b'], cursor: 'c1' },
			{ values: ['c'], cursor: 'c2' },
		]);
		expect(await read(cursorPages(list.fetch, { fullPage: 2 }))).toEqual([['a', 'b'], ['c']]);
		expect(list.asked).toHaveLength(2);
	});

	test('reads the cursor under another key', async () => {
		const list = listOf([{ values: ['a'], cursor: 'b1' }, { values: ['b'] }], 'before');
		await read(cursorPages(list.fetch, { cursorKey: 'before' }));
		expect(list.asked).toEqual([{}, { before: 'b1' }]);
	});

	test('asks for no page after the loop breaks out', async () => {
		const list = listOf([
			{ values: ['a'], cursor: 'c1' },
			{ values: ['b'], cursor: 'c2' },
		]);
		expect(await read(cursorPages(list.fetch), 1)).toEqual([['a']]);
		expect(list.asked).toEqual([{}]);
	});
});
