import type { IDataObject, IN8nHttpFullResponse, IPollFunctions, NodeApiError } from 'n8n-workflow';

import { bodyOf, getFromHex, hexAnswerError, sendToHex } from '../Hex/shared/hexRequest';

export const PAGE_SIZE = 100;

// Every request counts against Max Requests per Poll; the next poll tries again.
const NO_RETRIES = { maxRetries: 0 };

export interface HexProject extends IDataObject {
	id: string;
	title?: string;
	createdAt?: string;
	lastPublishedAt?: string | null;
}

function projectsOf(body: IDataObject): HexProject[] {
	const values = Array.isArray(body.values) ? (body.values as unknown[]) : [];
	return values.filter(
		(value): value is HexProject =>
			typeof value === 'object' && value !== null && typeof (value as IDataObject).id === 'string',
	);
}

/** The cursor of the next ListProjects page, or undefined at the end. */
function nextCursor(body: IDataObject, pageLength: number, seen: Set<string>): string | undefined {
	const after = (body.pagination as IDataObject | undefined)?.after;
	if (typeof after !== 'string' || after === '' || pageLength === 0 || seen.has(after)) {
		return undefined;
	}
	seen.add(after);
	return after;
}

/**
 * Reads ListProjects page by page (100 per page) and hands each page to `onPage`; stops when
 * `onPage` answers false or at the last page. Any Hex error throws.
 */
export async function forEachProjectPage(
	context: IPollFunctions,
	qs: IDataObject,
	onPage: (projects: HexProject[]) => boolean,
): Promise<void> {
	const cursors = new Set<string>();
	let after: string | undefined;
	do {
		const body = await getFromHex(
			context,
			'/v1/projects',
			{ ...qs, limit: PAGE_SIZE, ...(after ? { after } : {}) },
			NO_RETRIES,
		);
		const projects = projectsOf(body);
		if (!onPage(projects)) return;
		after = projects.length < PAGE_SIZE ? undefined : nextCursor(body, projects.length, cursors);
	} while (after);
}

/** One ListProjects page of a list read across polls: its projects and the next page's cursor. */
export type ProjectPage =
	| { ok: true; projects: HexProject[]; after?: string }
	| { ok: false; response: IN8nHttpFullResponse };

/** The ListProjects page that `after` points to (the first page without it). */
export async function projectPage(
	context: IPollFunctions,
	qs: IDataObject,
	after: string | undefined,
): Promise<ProjectPage> {
	const answer = await getAnswer(context, '/v1/projects', {
		...qs,
		limit: PAGE_SIZE,
		...(after ? { after } : {}),
	});
	if (!answer.ok) return answer;
	const projects = projectsOf(answer.body);
	const next =
		projects.length < PAGE_SIZE
			? undefined
			: nextCursor(answer.body, projects.length, new Set(after ? [after] : []));
	return { ok: true, projects, ...(next ? { after: next } : {}) };
}

/** One project list page, e.g. the newest project. */
export async function firstProjects(
	context: IPollFunctions,
	qs: IDataObject,
	limit: number,
): Promise<HexProject[]> {
	return projectsOf(await getFromHex(context, '/v1/projects', { ...qs, limit }, NO_RETRIES));
}

/** What a request that may fail answered: its body, or the failed response. */
export type Answer =
	| { ok: true; body: IDataObject }
	| { ok: false; response: IN8nHttpFullResponse };

export async function getAnswer(
	context: IPollFunctions,
	url: string,
	qs: IDataObject = {},
): Promise<Answer> {
	const response = await sendToHex(
		context,
		{ method: 'GET', url, qs, json: true },
		{ ...NO_RETRIES, returnErrors: true },
	);
	if (response.statusCode >= 400) return { ok: false, response };
	return { ok: true, body: bodyOf(context, response) };
}

/** The error a failed answer becomes (Hex's message, hint and trace ID, as in operations). */
export async function answerError(context: IPollFunctions, response: IN8nHttpFullResponse) {
	return await hexAnswerError(context, response);
}

/**
 * Hex answered 429 before a poll read anything. Not a failure of the trigger: the poll ends with
 * nothing new and the state as it was, and the next poll carries on (Fetch Test Event shows it).
 */
export class PollRateLimited extends Error {
	constructor(readonly hexError: NodeApiError) {
		super(hexError.message);
	}
}

/** The error a failed answer becomes; a 429 is a PollRateLimited. */
export async function answerFailure(context: IPollFunctions, response: IN8nHttpFullResponse) {
	const error = await answerError(context, response);
	return response.statusCode === 429 ? new PollRateLimited(error) : error;
}
