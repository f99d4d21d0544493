import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { PollRequests } from './pollBudget';
import { watchedIn } from './projectList';
import { failure } from './projectRuns';
import { answerError, PAGE_SIZE, projectPage } from './requests';
import { endTime, isFinished, runsOf, runsUrl, toItems } from './runFields';
import type { RunFinishedSettings } from './runFinishedSettings';
import { loadState } from './state';
import type { WatchedProject } from './watchedProjects';
import { publishedOn, selectedProjects } from './watchedProjects';

/**
 * The projects a test event may read: the selected ones; in All Projects mode the stored list,
 * most recently run first, or else the first page of the project list.
 */
async function testEventProjects(
	context: IPollFunctions,
	settings: RunFinishedSettings,
	requests: PollRequests,
): Promise<{ projects: WatchedProject[]; more: boolean }> {
	if (!settings.allProjects) return { projects: selectedProjects(context), more: false };
	const stored = loadState(context, 'runFinished');
	if (stored?.list && Object.keys(stored.list.projects).length > 0) {
		const newest = (id: string) => stored.projects[id]?.w ?? -Infinity;
		const projects = watchedIn(stored.list).sort((a, b) => newest(b.id) - newest(a.id));
		return { projects, more: false };
	}
	requests.used += 1;
	const page = await projectPage(context, {}, undefined);
	if (!page.ok) throw await answerError(context, page.response);
	return { projects: publishedOn(page.projects), more: page.after !== undefined };
}

/**
 * "Fetch Test Event": the most recent matching finished run of the projects that Max Requests per
 * Poll lets it read (a test shares the token's limit with the active workflows too); the stored
 * state is not touched.
 */
export async function latestFinishedRun(
	context: IPollFunctions,
	settings: RunFinishedSettings,
	requests: PollRequests,
): Promise<INodeExecutionData[][] | null> {
	const { projects, more } = await testEventProjects(context, settings, requests);
	const [onlyStatus] = settings.statuses.size === 1 ? [...settings.statuses] : [];
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
		const answer = await requests.ask(runsUrl(project.id), {
			limit: PAGE_SIZE,
			offset: 0,
			runTriggerFilter: settings.runTrigger,
			...(onlyStatus ? { statusFilter: onlyStatus } : {}),
		});
		if (!answer.ok) {
			const outcome = await failure(context, settings, answer.response);
			if (outcome.kind === 'limited') {
				if (latest) break;
				throw await answerError(context, answer.response);
			}
			read += 1;
			continue;
		}
		read += 1;
		for (const run of runsOf(answer.body)) {
			if (!isFinished(run) || !settings.statuses.has(String(run.status))) continue;
			const time = endTime(run) ?? -Infinity;
			if (!latest || time > latest.time) latest = { run, title: project.title, time };
		}
	}
	return latest ? [toItems([latest])] : null;
}
