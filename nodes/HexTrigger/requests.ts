import type { IDataObject, IN8nHttpFullResponse, IPollFunctions } from 'n8n-workflow';

import { bodyOf, sendToHex } from '../Hex/shared/hexRequest';
import { nextCursor } from '../Hex/shared/pagination';
import { isObject } from './state';

export const PAGE_SIZE = 100;

// Every request counts against Max Requests per Poll; the next poll tries again.
export const NO_RETRIES = { maxRetries: 0 };

/** A project of a ListProjects answer; its ID is checked, the other fields are read with care. */
export type HexProject = IDataObject & { id: string };

/** The query of the ListProjects page that `after` points to (the first page without it). */
export const pageQuery = (after: string | undefined, qs: IDataObject = {}): IDataObject => ({
	...qs,
	limit: PAGE_SIZE,
	...(after ? { after } : {}),
});

/** The projects of a ListProjects answer. */
export function projectsOf(body: IDataObject): HexProject[] {
	const values = Array.isArray(body.values) ? (body.values as unknown[]) : [];
	return values.filter(
		(value): value is HexProject => isObject(value) && typeof value.id === 'string',
	);
}

/**
 * A ListProjects answer: its projects and the next page's cursor, none at the end (a short page
 * too) or when the cursor was `seen` already (the list would loop).
 */
export function pageOf(body: IDataObject, seen: Set<string>) {
	const projects = projectsOf(body);
	const after = nextCursor(body, projects.length < PAGE_SIZE, seen);
	return after === undefined ? { projects } : { projects, after };
}

export type Answer =
	| { ok: true; body: IDataObject }
	| { ok: false; response: IN8nHttpFullResponse };

/** Every request of a poll goes through one counter, so the poll can keep to its budget. */
export class PollRequests {
	used = 0;

	constructor(private readonly context: IPollFunctions) {}

	/** A GET that answers a failed response instead of throwing it. */
	async ask(url: string, qs: IDataObject = {}): Promise<Answer> {
		this.used += 1;
		const response = await sendToHex(
			this.context,
			{ method: 'GET', url, qs, json: true },
			{ ...NO_RETRIES, returnErrors: true },
		);
		if (response.statusCode >= 400) return { ok: false, response };
		return { ok: true, body: bodyOf(this.context, response) };
	}
}

/** Hex answered 429 before a poll read anything (see pollRunFinished). */
export class PollRateLimited extends Error {}
