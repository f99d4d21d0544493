// Threads of the Hex agent and their topics. The data lives here, beside the state of the
// workspace (read for users, projects and data connections), created on first use per state.
import { HexApiError } from '../envelopes';
import { Random } from '../random';
import type { ResponseOf } from '../schemas';
import type { FakeHexState } from '../state';
import { ORG_SLUG } from '../state';
import { decode, encode, paginate } from './pagination';
import type { HandlerTable } from './types';

type ThreadView = ResponseOf<'GetThread'>;
type ThreadSummary = ResponseOf<'ListThreads'>['threads'][number];
export type ThreadStatus = ThreadView['status'];
export type ThreadError = NonNullable<ThreadView['error']>;
export type ThreadSource = 'HEX' | 'SLACK' | 'MCP' | 'PUBLIC_API';
export type ThreadType = 'THREADS' | 'NOTEBOOK' | 'MODELING';

export interface Topic {
	id: string;
	name: string;
}

export interface ThreadMessage {
	role: 'User' | 'Assistant';
	text: string;
	createdAt: string;
}

export interface FakeThread {
	id: string;
	title: string | null;
	userId: string | null;
	source: ThreadSource;
	type: ThreadType;
	createdAt: string;
	updatedAt: string;
	sensitive: boolean;
	muted: boolean;
	creditsUsed: number | null;
	topics: Topic[];
	warnings: ThreadView['warnings'];
	feedback: ThreadView['feedback'];
	resources: ThreadView['resources'];
	response: ThreadView['response'];
	status: ThreadStatus;
	error: ThreadError | null;
	projectId: string | null;
	messages: ThreadMessage[];
	/** GetThread answers RUNNING this many more times before the thread ends as `outcome` says. */
	pollsLeft: number;
	outcome: ThreadOutcome;
}

/** How a thread that is created or continued ends. */
export interface ThreadOutcome {
	status: 'IDLE' | 'ERROR';
	/** GetThread calls answered RUNNING before the final status (default 2). */
	pollsBeforeIdle: number;
	/** The error of an ERROR outcome. */
	error?: ThreadError;
}

export interface FakeThreads {
	/** Newest first, as ListThreads lists them. */
	threads: FakeThread[];
	/** ListTopics lists them sorted by name. */
	topics: Topic[];
	/** How threads created or continued from now on end. */
	outcome: ThreadOutcome;
	random: Random;
}

const EPOCH = Date.parse('2025-06-02T12:00:00.000Z');
const HOUR_MS = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

const TOPIC_A = ['Revenue', 'Churn', 'Pipeline', 'Marketing', 'Support', 'Pricing', 'Inventory'];
const TOPIC_B = [
	'Attribution',
	'Cohorts',
	'Forecasts',
	'Funnels',
	'KPIs',
	'Quality',
	'Retention',
	'Segments',
	'Spend',
	'Targets',
	'Trends',
	'Anomalies',
	'Benchmarks',
	'Costs',
	'Drivers',
	'Experiments',
	'Goals',
];
const QUESTIONS = [
	'Which regions grew revenue fastest last quarter?',
	'Why did churn spike in March?',
	'Show weekly active users by plan',
	'What is our average deal size by segment?',
	'Which campaigns drove the most signups?',
	'Forecast inventory needs for next month',
];
const SOURCES: ThreadSource[] = ['HEX', 'SLACK', 'MCP', 'PUBLIC_API'];
const TYPES: ThreadType[] = ['THREADS', 'NOTEBOOK', 'MODELING'];
const WARNING_TYPES = ['DATA_LIMITATION', 'USER_DOUBT', 'MISSING_CONTEXT', 'OTHER'];

const registry = new WeakMap<FakeHexState, FakeThreads>();

export function threadUrl(id: string): string {
	return `https://app.hex.tech/${ORG_SLUG}/threads/${id}`;
}

function generate(state: FakeHexState): FakeThreads {
	// A stream of its own, so threads never shift the IDs other routes draw from state.random.
	const r = new Random(state.seed * 7919 + 17);
	const topics: Topic[] = [];
	for (const a of TOPIC_A)
		for (const b of TOPIC_B) topics.push({ id: r.uuid(), name: `${a} ${b}` });
	const authors = state.users.filter((u) => u.role !== 'GUEST');
	const threads: FakeThread[] = [];
	for (let i = 0; i < 130; i++) {
		const id = r.uuid();
		const createdMs = EPOCH - (i + 1) * 5 * HOUR_MS - r.int(0, HOUR_MS);
		const question = r.pick(QUESTIONS);
		const user = authors.length ? r.pick(authors) : undefined;
		const sensitive = r.bool(0.05);
		// The first thread has a long conversation (pages of messages); the others a short one.
		const turns = i === 0 ? 60 : r.int(1, 3);
		const messages: ThreadMessage[] = [];
		for (let t = 0; t < turns; t++) {
			const at = iso(createdMs + t * 120_000);
			messages.push({ role: 'User', text: t === 0 ? question : `Follow-up ${t}`, createdAt: at });
			messages.push({ role: 'Assistant', text: `Answer ${t + 1} to "${question}"`, createdAt: at });
		}
		const projectId = r.bool(0.3) && state.projects.length ? r.pick(state.projects).id : null;
		threads.push({
			id,
			title: sensitive ? null : question,
			userId: user?.id ?? null,
			source: r.pick(SOURCES),
			type: r.pick(TYPES),
			createdAt: iso(createdMs),
			updatedAt: iso(createdMs + turns * 120_000),
			sensitive,
			muted: false,
			creditsUsed: r.int(1, 400) / 10,
			topics: r.sample(topics, 2),
			warnings: r.bool(0.2)
				? [{ id: r.uuid(), type: r.pick(WARNING_TYPES), summary: 'The data may be incomplete' }]
				: [],
			feedback: r.bool(0.25)
				? [
						{
							id: r.uuid(),
							userFeedback: 'Helpful',
							type: r.pick(['THUMBS', 'FLAG'] as const),
							selectedReason: null,
							userLiked: r.bool(0.7),
						},
					]
				: [],
			resources: projectId
				? [
						{
							id: projectId,
							resourceType: 'PROJECT',
							name: state.findProject(projectId)?.title ?? '',
						},
					]
				: [],
			response: [{ type: 'text', text: `Answer ${turns} to "${question}"` }],
			status: 'IDLE',
			error: null,
			projectId,
			messages,
			pollsLeft: 0,
			outcome: { status: 'IDLE', pollsBeforeIdle: 0 },
		});
	}
	return { threads, topics, outcome: { status: 'IDLE', pollsBeforeIdle: 2 }, random: r };
}

/** The threads of this fake workspace (tests may read and change them). */
export function fakeThreads(state: FakeHexState): FakeThreads {
	let threads = registry.get(state);
	if (!threads) {
		threads = generate(state);
		registry.set(state, threads);
	}
	return threads;
}

/** Test helper: an idle thread started just now by the token's user, listed first. */
export function addThread(state: FakeHexState, fields: Partial<FakeThread> = {}): FakeThread {
	const data = fakeThreads(state);
	const now = new Date().toISOString();
	const prompt = 'Which regions grew revenue fastest last quarter?';
	const thread: FakeThread = {
		id: data.random.uuid(),
		title: prompt,
		userId: state.meUserId,
		source: 'PUBLIC_API',
		type: 'THREADS',
		createdAt: now,
		updatedAt: now,
		sensitive: false,
		muted: false,
		creditsUsed: 1.5,
		topics: [],
		warnings: [],
		feedback: [],
		resources: [],
		response: [{ type: 'text', text: 'EMEA grew fastest.' }],
		status: 'IDLE',
		error: null,
		projectId: null,
		messages: [
			{ role: 'User', text: prompt, createdAt: now },
			{ role: 'Assistant', text: 'EMEA grew fastest.', createdAt: now },
		],
		pollsLeft: 0,
		outcome: { ...data.outcome },
		...fields,
	};
	data.threads.unshift(thread);
	return thread;
}

export function findThread(state: FakeHexState, id: string): FakeThread | undefined {
	return fakeThreads(state).threads.find((thread) => thread.id === id);
}

function summary(state: FakeHexState, thread: FakeThread): ThreadSummary {
	return {
		title: thread.title,
		creditsUsed: thread.creditsUsed,
		topics: thread.topics,
		warnings: thread.warnings,
		feedback: thread.feedback,
		warningsGeneratedAt: thread.warnings.length ? thread.updatedAt : null,
		threadSummary: thread.title === null ? null : `The user asked: ${thread.title}`,
		threadIntent: null,
		model: 'Auto',
		auto: true,
		effectiveModel: 'claude-sonnet-4',
		effortLevel: null,
		userId: thread.userId,
		type: thread.type,
		source: thread.source,
		createdAt: thread.createdAt,
		updatedAt: thread.updatedAt,
		sensitive: thread.sensitive,
		id: thread.id,
		orgId: state.orgId,
		url: threadUrl(thread.id),
	};
}

function view(state: FakeHexState, thread: FakeThread): ThreadView {
	const listed = summary(state, thread);
	return {
		title: thread.title,
		creditsUsed: thread.creditsUsed,
		topics: thread.topics,
		warnings: thread.warnings,
		feedback: thread.feedback,
		warningsGeneratedAt: listed.warningsGeneratedAt,
		threadSummary: listed.threadSummary,
		threadIntent: listed.threadIntent,
		model: 'Auto',
		auto: true,
		effectiveModel: 'claude-sonnet-4',
		effortLevel: null,
		userId: thread.userId,
		type: thread.type,
		source: thread.source,
		createdAt: thread.createdAt,
		updatedAt: thread.updatedAt,
		sensitive: thread.sensitive,
		threadId: thread.id,
		status: thread.status,
		url: threadUrl(thread.id),
		error: thread.error,
		resources: thread.resources,
		response: thread.status === 'IDLE' ? thread.response : null,
	};
}

/** One GetThread poll of a running thread: RUNNING until its polls are used up, then its outcome. */
function advance(thread: FakeThread): void {
	if (thread.status !== 'RUNNING') return;
	if (thread.pollsLeft > 0) {
		thread.pollsLeft -= 1;
		return;
	}
	const now = new Date().toISOString();
	thread.updatedAt = now;
	if (thread.outcome.status === 'ERROR') {
		thread.status = 'ERROR';
		thread.error = thread.outcome.error ?? {
			type: 'AGENT_ERROR',
			message: 'The agent could not answer',
		};
		return;
	}
	const prompt = [...thread.messages].reverse().find((m) => m.role === 'User')?.text ?? '';
	const answer = `Here is what I found about "${prompt}".`;
	thread.status = 'IDLE';
	thread.messages.push({ role: 'Assistant', text: answer, createdAt: now });
	thread.response = [{ type: 'text', text: answer }];
}

type Attachments = {
	dataConnectionId?: string | null;
	projectIds?: string[];
	tableIds?: string[];
	semanticDatasetIds?: string[];
	semanticViewIds?: string[];
};

function attachedResources(state: FakeHexState, attachments: Attachments | undefined) {
	const resources: ThreadView['resources'] = [];
	if (attachments?.dataConnectionId) {
		const connection = state.findDataConnection(attachments.dataConnectionId);
		if (!connection) {
			throw new HexApiError(400, `Data connection ${attachments.dataConnectionId} not found`);
		}
		resources.push({ id: connection.id, resourceType: 'DATA_CONNECTION', name: connection.name });
	}
	for (const projectId of attachments?.projectIds ?? []) {
		const project = state.findProject(projectId);
		if (!project) throw new HexApiError(400, `Project ${projectId} not found`);
		resources.push({ id: project.id, resourceType: 'PROJECT', name: project.title });
	}
	return resources;
}

function requireThread(state: FakeHexState, id: string, status = 404): FakeThread {
	const thread = findThread(state, id);
	if (!thread) throw new HexApiError(status, `Thread ${id} not found`);
	return thread;
}

const ROLE_NAMES = ['ADMIN', 'MANAGER', 'EDITOR', 'EXPLORER', 'MEMBER', 'GUEST'];

/** "a, b" → ["a", "b"] for Hex's comma-separated filters. */
function commaList(value: string | null | undefined): string[] {
	return (value ?? '')
		.split(',')
		.map((part) => part.trim())
		.filter(Boolean);
}

// Message cursors are scoped to their thread.
const messagesScope = (threadId: string) => `GetThreadMessages:${threadId}`;

type Block = ResponseOf<'GetThreadMessages'>['content'][number];

function blocks(thread: FakeThread, full: boolean): Block[] {
	return thread.messages.flatMap((message) => {
		const rendered: Block = {
			type: 'text',
			text: `${message.role}: ${message.text}`,
			createdAt: message.createdAt,
		};
		if (!full) return [rendered];
		const record = JSON.stringify({ role: message.role.toLowerCase(), content: message.text });
		return [rendered, { type: 'text', text: record, createdAt: message.createdAt }];
	});
}

export const threadHandlers: HandlerTable = {
	ListThreads: ({ query }, { state }) => {
		const roles = new Set(commaList(query.roles));
		const unknownRole = [...roles].find((role) => !ROLE_NAMES.includes(role));
		if (unknownRole) throw new HexApiError(400, `Unknown role ${unknownRole}`);
		const warnings = new Set(commaList(query.warnings));
		const topicIds = new Set(commaList(query.topicIds));
		const resourceIds = new Set(commaList(query.resourceIds));
		const since = query.numDays ? Date.now() - query.numDays * 24 * HOUR_MS : undefined;
		const roleOf = (userId: string | null) =>
			userId === null ? undefined : state.findUser(userId)?.role;
		const threads = fakeThreads(state).threads.filter(
			(t) =>
				(!query.source || t.source === query.source) &&
				(!query.userId || t.userId === query.userId) &&
				(!query.type || t.type === query.type) &&
				(since === undefined || Date.parse(t.createdAt) >= since) &&
				(query.hasFeedback === undefined ||
					query.hasFeedback === null ||
					t.feedback.length > 0 === query.hasFeedback) &&
				(!roles.size || roles.has(roleOf(t.userId) ?? '')) &&
				(!warnings.size || t.warnings.some((w) => warnings.has(w.type))) &&
				(!topicIds.size || t.topics.some((topic) => topicIds.has(topic.id))) &&
				(!resourceIds.size || t.resources.some((resource) => resourceIds.has(resource.id))),
		);
		const page = paginate('ListThreads', threads, query);
		return {
			body: { threads: page.values.map((t) => summary(state, t)), pagination: page.pagination },
		};
	},

	GetThread: ({ path }, { state }) => {
		const thread = requireThread(state, path.id);
		advance(thread);
		return { body: view(state, thread) };
	},

	CreateThread: ({ body }, { state, tokenKind }) => {
		const data = fakeThreads(state);
		if (body.projectId && body.newProject) {
			throw new HexApiError(400, 'projectId and newProject are mutually exclusive');
		}
		if (body.projectId && !state.findProject(body.projectId)) {
			throw new HexApiError(400, `Project ${body.projectId} not found`);
		}
		const resources = attachedResources(state, body.attachments);
		const now = new Date().toISOString();
		const projectId = body.projectId ?? (body.newProject ? data.random.uuid() : null);
		const thread = addThread(state, {
			title: body.prompt.slice(0, 80),
			userId: tokenKind === 'personal' ? state.meUserId : null,
			createdAt: now,
			updatedAt: now,
			creditsUsed: null,
			muted: body.muted ?? false,
			resources,
			response: null,
			status: 'RUNNING',
			projectId,
			messages: [{ role: 'User', text: body.prompt, createdAt: now }],
			pollsLeft: data.outcome.pollsBeforeIdle,
			outcome: { ...data.outcome },
		});
		return {
			body: { threadId: thread.id, url: threadUrl(thread.id), createdAt: now, projectId },
		};
	},

	ContinueThread: ({ path, body }, { state }) => {
		const data = fakeThreads(state);
		// ContinueThread documents no 404: Hex's spec lists 400 for what it cannot do.
		const thread = requireThread(state, path.id, 400);
		if (thread.status === 'RUNNING') {
			throw new HexApiError(400, 'The thread is still running; send a follow-up once it is idle');
		}
		thread.resources = [...thread.resources, ...attachedResources(state, body.attachments)];
		const now = new Date().toISOString();
		thread.messages.push({ role: 'User', text: body.prompt, createdAt: now });
		thread.updatedAt = now;
		thread.status = 'RUNNING';
		thread.error = null;
		thread.pollsLeft = data.outcome.pollsBeforeIdle;
		thread.outcome = { ...data.outcome };
		return { body: { threadId: thread.id, url: threadUrl(thread.id) } };
	},

	GetThreadMessages: ({ path, query }, { state }) => {
		const thread = requireThread(state, path.threadId);
		const all = blocks(thread, query.full);
		const limit = Math.max(1, Math.floor(query.limit));
		if (query.after && query.before) {
			throw new HexApiError(400, 'Invalid pagination', [
				'query: pass either after or before, not both',
			]);
		}
		// Hex answers the most recent page unless a cursor says otherwise.
		let end = all.length;
		let start = Math.max(0, end - limit);
		if (query.before) {
			end = decode(messagesScope(thread.id), query.before, all.length);
			start = Math.max(0, end - limit);
		} else if (query.after) {
			start = decode(messagesScope(thread.id), query.after, all.length);
			end = Math.min(all.length, start + limit);
		}
		return {
			body: {
				content: all.slice(start, end),
				pagination: {
					before: start > 0 ? encode(messagesScope(thread.id), start) : null,
					after: end < all.length ? encode(messagesScope(thread.id), end) : null,
				},
			},
		};
	},

	ListTopics: ({ query }, { state }) => {
		const topics = [...fakeThreads(state).topics].sort(
			(a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
		);
		const page = paginate('ListTopics', topics, query);
		return { body: { topics: page.values, pagination: page.pagination } };
	},
};
