// One list (User → Get Many, Return All) by one client, in a Jest process of its own, so that the
// process's peak RSS belongs to that client alone. bench/run.js starts one per client and size.
// The answers come from the replay of the fake (replay.ts), so the fake's own data and per-page
// work are not in the figures; what is left besides the client is Jest and the replay's recorded
// pages (the same for both clients).
import type { IDataObject } from 'n8n-workflow';

import {
	LIST_ALL_USERS,
	LIST_ONE_PAGE_OF_USERS,
	listUsersOnFake,
	MB,
	nodeRunner,
	RawHex,
	round,
	sampleMemory,
	USERS_PAGE_SIZE,
} from './lib';
import { startReplay } from './replay';
import { collectGarbage, job, memory, writeJson } from './system';

// See fakeSort.ts: the fake's per-page sort of every user would dwarf what is measured.
jest.mock('../test/fake-hex/routes/pagination', () => {
	const { paginationWithMemoisedSort } =
		jest.requireActual<typeof import('./fakeSort')>('./fakeSort');
	return paginationWithMemoisedSort(jest.requireActual('../test/fake-hex/routes/pagination'));
});

const memoryJob = job()?.memory;
const maybe = memoryJob ? test : test.skip;

maybe('peak memory of one list', async () => {
	if (!memoryJob) return;
	const { client, users, latencyMs, out } = memoryJob;
	const { recordings, token } = await listUsersOnFake(users, false);
	const replay = await startReplay(recordings, latencyMs);
	try {
		const raw = new RawHex(replay.baseUrl, token);
		const node = nodeRunner(replay.baseUrl, token);
		const list = async (all: boolean): Promise<IDataObject[]> => {
			if (client === 'raw') return await raw.listUsers(all ? Infinity : USERS_PAGE_SIZE);
			const run = await node(all ? LIST_ALL_USERS : LIST_ONE_PAGE_OF_USERS);
			if (run.error) throw run.error;
			return run.items.map((item) => item.json);
		};
		// Warm up the client's code paths on one page.
		await list(false);
		replay.reset();

		collectGarbage();
		const before = memory();
		const sampler = sampleMemory();
		const result = await list(true);
		const peak = await sampler.stop();
		const after = memory();
		// The process's own peak counts when it was reached during the list.
		const peakRss = after.maxRss > before.maxRss ? Math.max(after.maxRss, peak.rss) : peak.rss;
		collectGarbage();
		const retained = memory();
		expect(result).toHaveLength(users);
		expect(replay.requests).toHaveLength(Math.ceil(users / USERS_PAGE_SIZE));
		expect(replay.unknown).toEqual([]);

		writeJson(out, {
			client,
			users,
			latencyMs,
			baselineRssMb: round(before.rss / MB, 1),
			peakRssMb: round(peakRss / MB, 1),
			rssGrowthMb: round((peakRss - before.rss) / MB, 1),
			heapGrowthMb: round((peak.heapUsed - before.heapUsed) / MB, 1),
			retainedHeapMb: round((retained.heapUsed - before.heapUsed) / MB, 1),
			processPeakRssMb: round(after.maxRss / MB, 1),
			items: result.length,
		});
	} finally {
		await replay.close();
	}
});
