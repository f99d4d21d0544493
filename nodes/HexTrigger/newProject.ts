import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { getFromHex } from '../Hex/shared/hexRequest';
import { cursorPages } from '../Hex/shared/pagination';
import type { HexProject } from './requests';
import { NO_RETRIES, PAGE_SIZE, pageQuery, projectsOf } from './requests';
import {
	advanceWatermark,
	covers,
	loadNewProjectState,
	newProjectState,
	saveState,
	timeOf,
} from './state';

/*
 * New Project: ListProjects sorted by creation, newest first, read page by page only until a page
 * reaches a project the watermark already covers (created earlier, or at the same instant and
 * already seen). One request per poll unless more than 100 projects were created since.
 */

export async function pollNewProject(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const includeComponents = this.getNodeParameter('includeComponents', false) as boolean;
	const qs: IDataObject = {
		sortBy: 'CREATED_AT',
		sortDirection: 'DESC',
		...(includeComponents ? { includeComponents: true } : {}),
	};

	if (this.getMode() === 'manual') {
		// "Fetch Test Event": the newest project; the stored state is not touched.
		const body = await getFromHex(this, '/v1/projects', { ...qs, limit: 1 }, NO_RETRIES);
		const [newest] = projectsOf(body);
		return newest ? [[{ json: newest }]] : null;
	}

	const stored = loadNewProjectState(this);
	const watermark = stored ?? { w: null, at: [] };

	const seen = new Map<string, HexProject>();
	const created: HexProject[] = [];
	const pages = cursorPages(
		async (cursor) => {
			const body = await getFromHex(this, '/v1/projects', pageQuery(cursor.after, qs), NO_RETRIES);
			return { values: projectsOf(body), body };
		},
		{ fullPage: PAGE_SIZE },
	);
	for await (const projects of pages) {
		let reachedCovered = false;
		for (const project of projects) {
			if (seen.has(project.id)) continue;
			seen.set(project.id, project);
			const time = timeOf(project.createdAt);
			if (time === null) continue; // Hex always sends createdAt; without it a project cannot be placed
			if (covers(watermark, project.id, time)) reachedCovered = true;
			else created.push(project);
		}
		// At the first activation one page is enough to know where the workspace stands.
		if (stored === undefined || reachedCovered) break;
	}

	const next = advanceWatermark(
		watermark,
		[...seen.values()].map((project) => ({ id: project.id, time: timeOf(project.createdAt) })),
	);
	saveState(this, newProjectState(next.w, next.at));

	// The first activation only records the baseline.
	if (stored === undefined || created.length === 0) return null;
	return [created.reverse().map((project) => ({ json: project as IDataObject }))];
}
