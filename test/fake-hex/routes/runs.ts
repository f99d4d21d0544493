import { HexApiError } from '../envelopes';
import type {
	FakeHexState,
	Project,
	ProjectRun,
	RunNotificationRecipient,
	RunProgress,
	RunStateEvent,
	RunStatus,
} from '../state';
import { runUrlFor } from '../state';
import type { HandlerRequest, HandlerTable } from './types';

const TERMINAL: ReadonlySet<RunStatus> = new Set([
	'COMPLETED',
	'ERRORED',
	'KILLED',
	'UNABLE_TO_ALLOCATE_KERNEL',
]);

export const isTerminal = (status: RunStatus) => TERMINAL.has(status);

function requireProject(state: FakeHexState, id: string): Project {
	const project = state.findProject(id);
	if (!project) throw new HexApiError(404, `Project ${id} not found`);
	return project;
}

function requireRun(state: FakeHexState, projectId: string, runId: string): ProjectRun {
	const run = state.findRun(projectId, runId);
	if (!run) throw new HexApiError(404, `Run ${runId} of project ${projectId} not found`);
	return run;
}

function setStatus(run: ProjectRun, progress: RunProgress | undefined, status: RunStatus): void {
	const now = new Date();
	if (status !== 'PENDING' && run.startTime === null) run.startTime = now.toISOString();
	if (isTerminal(status)) {
		run.endTime = now.toISOString();
		run.elapsedTime = Math.max(0, now.getTime() - Date.parse(run.startTime ?? run.endTime));
	}
	if (run.status !== status) {
		progress?.stateEvents.push({ type: 'STATUS', value: status, timestamp: now.toISOString() });
	}
	run.status = status;
}

/** One GetRunStatus poll: PENDING, then RUNNING, then the planned terminal status. */
function advance(run: ProjectRun, progress: RunProgress): void {
	if (isTerminal(run.status)) return;
	progress.polls += 1;
	const { outcome } = progress;
	if (progress.polls <= outcome.pollsBeforeTerminal) {
		setStatus(run, progress, progress.polls === 1 ? 'PENDING' : 'RUNNING');
	} else {
		setStatus(run, progress, outcome.status);
	}
}

/** State events for runs that were generated as history (no recorded progress). */
function historyEvents(run: ProjectRun): RunStateEvent[] {
	const events: RunStateEvent[] = [];
	if (run.startTime) events.push({ type: 'STATUS', value: 'RUNNING', timestamp: run.startTime });
	if (run.endTime) events.push({ type: 'STATUS', value: run.status, timestamp: run.endTime });
	return events;
}

type RunBody = HandlerRequest<'RunProject'>['body'];

function notificationRecipients(state: FakeHexState, body: RunBody): RunNotificationRecipient[] {
	const recipients: RunNotificationRecipient[] = [];
	const unknown: string[] = [];
	for (const n of body.notifications ?? []) {
		const base = {
			type: n.type,
			includeSuccessScreenshot: n.includeSuccessScreenshot,
			...(n.screenshotFormat ? { screenshotFormat: [n.screenshotFormat] } : {}),
			...(n.subject !== undefined ? { subject: n.subject } : {}),
			...(n.body !== undefined ? { body: n.body } : {}),
		};
		for (const id of n.userIds ?? []) {
			const user = state.findUser(id);
			if (!user) unknown.push(`notifications.userIds: user ${id} not found`);
			else
				recipients.push({
					...base,
					recipientType: 'USER',
					recipient: { id, name: user.name ?? user.email },
				});
		}
		for (const id of n.groupIds ?? []) {
			const group = state.groups.find((g) => g.id === id);
			if (!group) unknown.push(`notifications.groupIds: group ${id} not found`);
			else
				recipients.push({ ...base, recipientType: 'GROUP', recipient: { id, name: group.name } });
		}
		for (const id of n.slackChannelIds ?? []) {
			recipients.push({
				...base,
				recipientType: 'SLACK_CHANNEL',
				recipient: { id, name: `#channel-${id.toLowerCase()}`, isPrivate: false },
			});
		}
	}
	if (unknown.length) throw new HexApiError(400, 'Invalid notification recipients', unknown);
	return recipients;
}

export const runHandlers: HandlerTable = {
	RunProject: ({ path, body }, { state, apiBaseUrl, traceId }) => {
		const project = requireProject(state, path.projectId);
		if (project.lastPublishedAt === null) {
			throw new HexApiError(
				422,
				'Project is not published; publish it before running it via the API',
			);
		}
		if (body.viewId !== undefined && body.inputParams !== undefined) {
			throw new HexApiError(400, 'It is invalid to pass in both a viewId and inputParams');
		}
		const notifications = notificationRecipients(state, body);
		const runId = state.newId();
		const projectVersion = state.projectVersions.get(project.id) || 1;
		const runUrl = runUrlFor(project.id, runId);
		if (!body.dryRun) {
			const now = new Date().toISOString();
			const run: ProjectRun = {
				projectId: project.id,
				projectVersion: String(projectVersion),
				runId,
				runUrl,
				status: 'PENDING',
				runTrigger: 'API',
				startTime: null,
				endTime: null,
				elapsedTime: null,
				traceId,
				...(notifications.length ? { notifications } : {}),
			};
			state.runsOf(project.id).unshift(run);
			state.runProgress.set(runId, {
				outcome: state.runOutcomeFor(project.id),
				polls: 0,
				createdAt: now,
				stateEvents: [{ type: 'STATUS', value: 'PENDING', timestamp: now }],
			});
		}
		return {
			status: 201,
			body: {
				projectId: project.id,
				runId,
				runUrl,
				runStatusUrl: `${apiBaseUrl}/v1/projects/${project.id}/runs/${runId}`,
				traceId,
				projectVersion,
				...(notifications.length ? { notifications } : {}),
			},
		};
	},

	GetRunStatus: ({ path, headers }, { state, traceId }) => {
		const run = requireRun(state, path.projectId, path.runId);
		const progress = state.runProgress.get(run.runId);
		if (progress) advance(run, progress);
		const expanded = headers['enable-expanded-stats'] === 'true';
		return {
			body: {
				...run,
				traceId,
				...(expanded ? { stateEvents: progress?.stateEvents ?? historyEvents(run) } : {}),
			},
		};
	},

	GetProjectRuns: ({ path, query }, { state, apiBaseUrl, traceId }) => {
		const project = requireProject(state, path.projectId);
		const trigger = query.runTriggerFilter;
		const runs = state
			.runsOf(project.id)
			.filter(
				(r) =>
					(!query.statusFilter || r.status === query.statusFilter) &&
					(!trigger || trigger === 'ALL' || r.runTrigger === trigger),
			);
		const { limit, offset } = query;
		const pageUrl = (pageOffset: number) => {
			const url = new URL(`${apiBaseUrl}/v1/projects/${project.id}/runs`);
			url.searchParams.set('limit', String(limit));
			url.searchParams.set('offset', String(pageOffset));
			if (query.statusFilter) url.searchParams.set('statusFilter', query.statusFilter);
			if (trigger) url.searchParams.set('runTriggerFilter', trigger);
			return url.toString();
		};
		return {
			body: {
				runs: runs.slice(offset, offset + limit).map((r) => ({ ...r, traceId })),
				nextPage: offset + limit < runs.length ? pageUrl(offset + limit) : null,
				previousPage: offset > 0 ? pageUrl(Math.max(0, offset - limit)) : null,
				traceId,
			},
		};
	},

	CancelRun: ({ path }, { state }) => {
		requireProject(state, path.projectId);
		const run = requireRun(state, path.projectId, path.runId);
		if (isTerminal(run.status)) {
			throw new HexApiError(422, `Run ${run.runId} already finished with status ${run.status}`);
		}
		setStatus(run, state.runProgress.get(run.runId), 'KILLED');
		return { status: 204 };
	},
};
