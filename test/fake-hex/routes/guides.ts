import { HexApiError } from '../envelopes';
import { Random } from '../random';
import type { FakeHexState } from '../state';
import { paginate } from './pagination';
import type { HandlerTable } from './types';

const GITHUB = 'https://github.com';

/** Where a guide file is authored, as Hex records it (absent: written in Hex). */
export type GuideSource =
	| { source: 'github'; owner: string; repo: string; base?: string; [key: string]: unknown }
	| { source: 'unknown'; id?: string; [key: string]: unknown };

export interface GuideFile {
	id: string;
	filePath: string;
	/** Contents of the draft; null when the guide has no draft. */
	draft: string | null;
	/** Contents of the published version; null when never published. */
	published: string | null;
	externalSource?: GuideSource;
}

export interface GuideState {
	guides: GuideFile[];
}

const states = new WeakMap<FakeHexState, GuideState>();

function seedGuides(state: FakeHexState): GuideState {
	// Own PRNG stream from the seed, so reading guides does not shift other generated ids.
	const random = new Random(state.seed * 31 + 7);
	const topics = ['revenue', 'churn', 'pipeline', 'marketing', 'finance', 'support', 'product'];
	const guides: GuideFile[] = [];
	for (let i = 0; i < 150; i++) {
		const topic = topics[i % topics.length];
		const filePath = `guides/${topic}/${topic}-${i + 1}.md`;
		const roll = i % 4;
		const externalSource: GuideSource | undefined =
			roll === 0 || roll === 1
				? { source: 'github', owner: 'acme', repo: 'analytics-guides', base: GITHUB }
				: roll === 2
					? { source: 'unknown', id: 'confluence' }
					: undefined;
		const contents = `# ${topic} ${i + 1}\n\nHow we define ${topic}.\n`;
		const published = random.bool(0.5) ? contents : null;
		// Most guides have a draft; a published one without a draft is not listed as a draft.
		const draft = published === null || random.bool(0.7) ? `${contents}\nDraft edit.\n` : null;
		guides.push({ id: random.uuid(), filePath, draft, published, externalSource });
	}
	return { guides };
}

/** The guides of a fake server (created on first use). */
export function guidesOf(state: FakeHexState): GuideState {
	let guideState = states.get(state);
	if (!guideState) {
		guideState = seedGuides(state);
		states.set(state, guideState);
	}
	return guideState;
}

/** Guide files that have a draft, in path order (what ListDraftGuides shows). */
export function draftGuides(state: FakeHexState): GuideFile[] {
	return guidesOf(state)
		.guides.filter((guide) => guide.draft !== null)
		.sort((a, b) => a.filePath.localeCompare(b.filePath));
}

function parseSourceFilter(raw: string): GuideSource {
	let value: unknown;
	let parsed = true;
	try {
		value = JSON.parse(raw);
	} catch {
		parsed = false;
	}
	if (!parsed) {
		throw new HexApiError(400, 'Invalid input data', [
			'query.externalSource: not a JSON-encoded external source locator',
		]);
	}
	const source = value as Record<string, unknown> | null;
	if (source?.source === 'unknown' && (source.id === undefined || typeof source.id === 'string')) {
		return source as GuideSource;
	}
	if (
		source?.source === 'github' &&
		typeof source.owner === 'string' &&
		typeof source.repo === 'string' &&
		(source.base === undefined || typeof source.base === 'string')
	) {
		return source as GuideSource;
	}
	throw new HexApiError(400, 'Invalid input data', [
		'query.externalSource: expected {"source":"github","owner","repo","base"?} or {"source":"unknown","id"?}',
	]);
}

/** Whether a guide's source is the one a locator names (a missing unknown id matches any). */
function matchesLocator(guide: GuideFile, locator: GuideSource): boolean {
	const own = guide.externalSource;
	if (!own || own.source !== locator.source) return false;
	if (own.source === 'github' && locator.source === 'github') {
		return (
			own.owner === locator.owner &&
			own.repo === locator.repo &&
			(own.base ?? GITHUB) === (locator.base ?? GITHUB)
		);
	}
	return locator.id === undefined || own.id === locator.id;
}

/** Whether two sources are the same origin (both absent = both written in Hex). */
function sameOrigin(a: GuideSource | undefined, b: GuideSource | undefined): boolean {
	if (!a || !b) return !a && !b;
	if (a.source === 'github' && b.source === 'github') {
		return a.owner === b.owner && a.repo === b.repo && (a.base ?? GITHUB) === (b.base ?? GITHUB);
	}
	return a.source === b.source && (a.id ?? null) === (b.id ?? null);
}

function requireGuide(state: FakeHexState, id: string): GuideFile {
	const guide = guidesOf(state).guides.find((candidate) => candidate.id === id);
	if (!guide) throw new HexApiError(404, `Guide file ${id} not found`);
	return guide;
}

export const guideHandlers: HandlerTable = {
	ListDraftGuides: ({ query }, { state }) => {
		let drafts = draftGuides(state);
		if (query.externalSource !== undefined && query.externalSource !== null) {
			const locator = parseSourceFilter(query.externalSource);
			drafts = drafts.filter((guide) => matchesLocator(guide, locator));
		}
		const page = paginate('ListDraftGuides', drafts, query);
		return {
			body: {
				values: page.values.map(({ id, filePath }) => ({ id, filePath })),
				pagination: page.pagination,
			},
		};
	},

	UpsertGuideDraft: ({ body }, { state, traceId }) => {
		const { guides } = guidesOf(state);
		const files: Array<{ id: string; filePath: string }> = [];
		const warnings: Array<{ message: string; filePath: string }> = [];
		for (const file of body.files) {
			const source = file.externalSource as GuideSource | undefined;
			const existing = guides.find((guide) => guide.filePath === file.filePath);
			if (existing && !sameOrigin(existing.externalSource, source) && !body.forceWrite) {
				warnings.push({
					filePath: file.filePath,
					message:
						'A guide with this path comes from another source; it was not changed (use forceWrite to overwrite it)',
				});
				continue;
			}
			const guide: GuideFile = existing ?? {
				id: state.newId(),
				filePath: file.filePath,
				draft: null,
				published: null,
			};
			guide.draft = file.contents;
			guide.externalSource = source;
			if (!existing) guides.push(guide);
			files.push({ id: guide.id, filePath: guide.filePath });
		}
		return { body: { files, warnings, traceId } };
	},

	PublishGuideDrafts: ({ body }, { state, traceId }) => {
		let chosen: GuideFile[];
		if (body.publishAllDraftGuides) {
			chosen = draftGuides(state);
		} else if (body.orgGuideFileIds && body.orgGuideFileIds.length > 0) {
			chosen = body.orgGuideFileIds.map((id) => requireGuide(state, id));
			const withoutDraft = chosen.find((guide) => guide.draft === null);
			if (withoutDraft) {
				throw new HexApiError(400, `Guide file ${withoutDraft.id} has no draft to publish`);
			}
		} else {
			throw new HexApiError(400, 'Give orgGuideFileIds or set publishAllDraftGuides');
		}
		for (const guide of chosen) {
			guide.published = guide.draft;
			guide.draft = null;
		}
		return {
			body: {
				message: `Published ${chosen.length} guide(s)`,
				publishedGuides: chosen.map(({ id, filePath }) => ({ id, filePath })),
				traceId,
			},
		};
	},

	DeleteGuideDraft: ({ path }, { state }) => {
		const guide = requireGuide(state, path.orgGuideFileId);
		if (guide.draft === null) {
			throw new HexApiError(400, `Guide file ${guide.id} has no draft`);
		}
		guide.draft = null;
		// A guide that was never published has nothing left.
		if (guide.published === null) {
			const { guides } = guidesOf(state);
			guides.splice(guides.indexOf(guide), 1);
		}
		return { status: 204 };
	},
};
