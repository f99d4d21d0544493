import type { IDataObject, IN8nHttpFullResponse, IPollFunctions } from 'n8n-workflow';

import { hexAnswerError } from '../Hex/shared/hexRequest';
import type { PollRequests } from './requests';
import { PAGE_SIZE } from './requests';
import { isFinished, isUnfinished, runIdOf, runsOf, runsUrl, runTime, endTime } from './runFields';
import type { RunFinishedSettings } from './runFinished';
import type { ProjectCursor, Watermark } from './state';
import { advanceWatermark, covers, MAX_OPEN_IDS } from './state';

/*
 * One project's runs against its cursor (see state.ts). Hex has no workspace-wide run list and no
 * time filter, so each watched project's runs are read (GetProjectRuns, newest first, 100 per
 * page):
 *
 * - a run with a terminal status is emitted if it was awaited (seen unfinished before) or is
 *   newer than the watermark (its start time is later, or equal but its ID is not yet known);
 * - PENDING and RUNNING runs are remembered as awaited and emitted at the poll that sees them
 *   finished;
 * - pages are read until one reaches a run the cursor already covers, so any number of runs
 *   finished between polls is read; awaited runs that are no longer on those pages (more than a
 *   page of newer runs) are asked for one by one (GetRunStatus).
 *
 * A status outside Hex's spec is neither terminal nor awaited. Hex does not document the order
 * of GetProjectRuns; like other clients this assumes newest first, which the runs' times bear out.
 */

/** What reading a project's runs needs. */
export interface RunReader {
	context: IPollFunctions;
	settings: RunFinishedSettings;
	requests: PollRequests;
}

/**
 * In All Projects mode a project whose runs cannot be read is left out of this poll instead of
 * failing it: no access to its runs (403), deleted (404) or unpublished meanwhile (422).
 */
const SKIPPED_STATUSES = [403, 404, 422];

type Outcome =
	| { kind: 'read'; cursor: ProjectCursor; finished: IDataObject[]; runs: IDataObject[] }
	| { kind: 'skipped' }
	| { kind: 'limited' };

/** What a failed request means for the poll: wait (429), leave the project out, or fail. */
export async function failure(
	{ context, settings }: RunReader,
	response: IN8nHttpFullResponse,
): Promise<Outcome> {
	if (response.statusCode === 429) return { kind: 'limited' };
	if (settings.allProjects && SKIPPED_STATUSES.includes(response.statusCode)) {
		return { kind: 'skipped' };
	}
	throw await hexAnswerError(context, response);
}

/** A GetProjectRuns page (newest first), as the poll's run-trigger filter selects. */
export const askRuns = (
	{ requests, settings }: RunReader,
	projectId: string,
	offset: number,
	qs: IDataObject = {},
) =>
	requests.ask(runsUrl(projectId), {
		limit: PAGE_SIZE,
		offset,
		runTriggerFilter: settings.runTrigger,
		...qs,
	});

/** The cursor after a read: the watermark moved on to the runs seen, and the runs awaited. */
const cursorAfter = (previous: Watermark, runs: IDataObject[], open: string[]): ProjectCursor => ({
	...advanceWatermark(
		previous,
		runs.map((run) => ({ id: runIdOf(run), time: runTime(run) })),
	),
	open: open.slice(0, MAX_OPEN_IDS),
});

/** First sight of a project at the first activation: note where it stands, emit nothing. */
export async function baselineProject(reader: RunReader, projectId: string): Promise<Outcome> {
	const answer = await askRuns(reader, projectId, 0);
	if (!answer.ok) return await failure(reader, answer.response);
	const runs = runsOf(answer.body);
	const cursor = cursorAfter({ w: null, at: [] }, runs, runs.filter(isUnfinished).map(runIdOf));
	return { kind: 'read', cursor, finished: [], runs };
}

/** Reads a project's runs back to where its cursor stands; returns what finished since. */
export async function readProject(
	reader: RunReader,
	projectId: string,
	cursor: ProjectCursor,
): Promise<Outcome> {
	const awaited = new Set(cursor.open);
	const covered = (id: string, time: number | null) => time !== null && covers(cursor, id, time);
	const isNew = (run: IDataObject, id: string) => {
		if (cursor.since !== undefined) return (endTime(run) ?? -Infinity) >= cursor.since;
		const time = runTime(run);
		// A finished run without any timestamp cannot be placed; it counts only when awaited.
		return time !== null && !covered(id, time);
	};

	const seen = new Map<string, IDataObject>();
	const finished: IDataObject[] = [];
	const open: string[] = [];
	const note = (run: IDataObject, id: string, isListed: boolean) => {
		if (isFinished(run)) {
			if (awaited.has(id) || (isListed && isNew(run, id))) finished.push(run);
		} else if (isUnfinished(run)) {
			open.push(id);
		}
	};

	for (let offset = 0; ; ) {
		const answer = await askRuns(reader, projectId, offset);
		if (!answer.ok) return await failure(reader, answer.response);
		const runs = runsOf(answer.body);
		let reachedCovered = false;
		for (const run of runs) {
			const id = runIdOf(run);
			// Offsets shift when runs start meanwhile: a run can show up on two pages.
			if (seen.has(id)) continue;
			seen.set(id, run);
			note(run, id, true);
			if (!awaited.has(id) && covered(id, runTime(run))) reachedCovered = true;
		}
		if (reachedCovered || runs.length < PAGE_SIZE || !answer.body.nextPage) break;
		offset += runs.length;
	}

	// Awaited runs pushed off the pages read by more than a page of newer runs.
	const fetched: IDataObject[] = [];
	for (const id of cursor.open) {
		if (seen.has(id)) continue;
		const answer = await reader.requests.ask(`${runsUrl(projectId)}/${encodeURIComponent(id)}`);
		if (!answer.ok && answer.response.statusCode === 404) continue; // the run is gone
		if (!answer.ok) return await failure(reader, answer.response);
		note(answer.body, id, false);
		fetched.push(answer.body);
	}

	return {
		kind: 'read',
		cursor: cursorAfter(cursor, [...seen.values()], [...new Set(open)]),
		finished,
		runs: [...seen.values(), ...fetched],
	};
}
