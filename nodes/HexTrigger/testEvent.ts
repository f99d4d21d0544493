import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { hexAnswerError } from '../Hex/shared/hexRequest';
import type { RunReader } from './projectRuns';
import { askRuns, failure } from './projectRuns';
import { pageOf, pageQuery } from './requests';
import { endTime, isFinished, runsOf, toItems } from './runFields';
import { loadRunFinishedState } from './state';
import { publishedOn, selectedProjects, watchedIn } from './watchedProjects';

/**
 * The projects a test event may read: the selected ones; in All Projects mode the stored list,
 * most recently run first, or else the first page of the project list.
 */
async function testEventProjects({ context, settings, requests }: RunReader) {
	if (!settings.allProjects) return { projects: selectedProjects(context), more: false };
	const stored = loadRunFinishedState(context);
	if (stored?.list && Object.keys(stored.list.projects).length > 0) {
		const newest = (id: string) => stored.projects[id]?.w ?? -Infinity;
		const projects = watchedIn(stored.list).sort((a, b) => newest(b.id) - newest(a.id));
		return { projects, more: false };
	}
	const answer = await requests.ask('/v1/projects', pageQuery(undefined));
	if (!answer.ok) throw await hexAnswerError(context, answer.response);
	const page = pageOf(answer.body, new Set());
	return { projects: publishedOn(page.projects), more: page.after !== undefined };
}

/**
 * "Fetch Test Event": the most recent matching finished run of the projects that Max Requests per
 * Poll lets it read (a test shares the token's limit with the active workflows too); the stored
 * state is not touched.
 */
export async function latestFinishedRun(reader: RunReader): Promise<INodeExecutionData[][] | null> {
	const { context, settings, requests } = reader;
	const { projects, more } = await testEventProjects(reader);
	const [statusFilter] = settings.statuses.size === 1 ? [...settings.statuses] : [];
	let latest: { run: IDataObject; title?: string; time: number } | undefined;
	let read = 0;
	for (const project of projects) {
		if (requests.used >= settings.maxRequests) {
			if (latest) break;
			throw new NodeOperationError(
				context.getNode(),
				`No matching finished run in the ${read} of ${more ? 'at least ' : ''}${projects.length} projects that "Max Requests per Poll" (${settings.maxRequests}) let the test read`,
				{
					description:
						'Raise Max Requests per Poll for the test, or watch Selected Projects. Once active, the trigger reads every project in turn.',
				},
			);
		}
		const answer = await askRuns(reader, project.id, 0, statusFilter ? { statusFilter } : {});
		// A project left out (403, 404, 422) counts as read; a 429 ends the test.
		if (!answer.ok && (await failure(reader, answer.response)).kind === 'limited') {
			if (latest) break;
			throw await hexAnswerError(context, answer.response);
		}
		read += 1;
		for (const run of answer.ok ? runsOf(answer.body) : []) {
			if (!isFinished(run) || !settings.statuses.has(String(run.status))) continue;
			const time = endTime(run) ?? -Infinity;
			if (!latest || time > latest.time) latest = { run, title: project.title, time };
		}
	}
	return latest ? [toItems([latest])] : null;
}
