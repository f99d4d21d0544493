import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import type { HexProject } from './requests';
import { firstProjects, forEachProjectPage } from './requests';
import { advanceWatermark, loadState, newProjectState, saveState, timeOf } from './state';

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
		const [newest] = await firstProjects(this, qs, 1);
		return newest ? [[{ json: newest }]] : null;
	}

	const stored = loadState(this, 'newProject');
	const watermark = stored ?? { w: null, at: [] };
	const tied = new Set(watermark.at);
	const covered = (project: HexProject, time: number) =>
		watermark.w !== null && (time < watermark.w || (time === watermark.w && tied.has(project.id)));

	const seen = new Map<string, HexProject>();
	const created: HexProject[] = [];
	await forEachProjectPage(this, qs, (page) => {
		let reachedCovered = false;
		for (const project of page) {
			if (seen.has(project.id)) continue;
			seen.set(project.id, project);
			const time = timeOf(project.createdAt);
			if (time === null) continue; // Hex always sends createdAt; without it a project cannot be placed
			if (covered(project, time)) reachedCovered = true;
			else created.push(project);
		}
		// At the first activation one page is enough to know where the workspace stands.
		return stored !== undefined && !reachedCovered;
	});

	const next = advanceWatermark(
		watermark,
		[...seen.values()].map((project) => ({ id: project.id, time: timeOf(project.createdAt) })),
	);
	saveState(this, newProjectState(next.w, next.at));

	// The first activation only records the baseline.
	if (stored === undefined || created.length === 0) return null;
	return [created.reverse().map((project) => ({ json: project as IDataObject }))];
}
