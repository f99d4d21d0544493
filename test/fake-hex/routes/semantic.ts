import { HexApiError } from '../envelopes';
import { Random } from '../random';
import type { FakeHexState } from '../state';
import type { HandlerTable } from './types';

export interface SemanticObject {
	name: string;
	status: string | null;
}

export interface SemanticProject {
	id: string;
	name: string;
	datasets: SemanticObject[];
	views: SemanticObject[];
	/** Successful ingests that were not dry runs. */
	ingests: number;
}

const states = new WeakMap<FakeHexState, SemanticProject[]>();

/** The multipart field the node sends the zip in (Hex does not document the name). */
export const INGEST_ZIP_FIELD = 'file';

const DATASETS = ['orders', 'customers', 'products', 'subscriptions', 'invoices'];
const VIEWS = ['revenue', 'retention', 'pipeline'];

/** The semantic projects of a fake server (created on first use; Hex cannot list them). */
export function semanticProjectsOf(state: FakeHexState): SemanticProject[] {
	let projects = states.get(state);
	if (!projects) {
		// Own PRNG stream from the seed, so this does not shift other generated ids.
		const random = new Random(state.seed * 37 + 11);
		const status = () => (random.bool(0.5) ? random.pick(state.statuses) : null);
		projects = ['Finance', 'Growth', 'Operations'].map((name) => ({
			id: random.uuid(),
			name,
			datasets: DATASETS.map((dataset) => ({ name: dataset, status: status() })),
			views: VIEWS.map((view) => ({ name: view, status: status() })),
			ingests: 0,
		}));
		states.set(state, projects);
	}
	return projects;
}

function requireProject(state: FakeHexState, id: string): SemanticProject {
	const project = semanticProjectsOf(state).find((candidate) => candidate.id === id);
	if (!project) throw new HexApiError(404, `Semantic project ${id} not found`, [], []);
	return project;
}

/** Names of the entries of a zip archive, read from its central directory (no decompression). */
export function zipEntryNames(zip: Buffer): string[] {
	const invalid = (why: string) =>
		new HexApiError(400, `The uploaded file is not a valid zip archive: ${why}`);
	if (zip.length < 22) throw invalid('too short');
	let end = -1;
	for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
		if (zip.readUInt32LE(at) === 0x06054b50) {
			end = at;
			break;
		}
	}
	if (end < 0) throw invalid('no end of central directory');
	const count = zip.readUInt16LE(end + 10);
	let at = zip.readUInt32LE(end + 16);
	const names: string[] = [];
	for (let i = 0; i < count; i++) {
		if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) {
			throw invalid(`bad central directory entry ${i + 1}`);
		}
		const nameLength = zip.readUInt16LE(at + 28);
		const extraLength = zip.readUInt16LE(at + 30);
		const commentLength = zip.readUInt16LE(at + 32);
		names.push(zip.subarray(at + 46, at + 46 + nameLength).toString('utf8'));
		at += 46 + nameLength + extraLength + commentLength;
	}
	return names;
}

const YAML = /\.ya?ml$/i;

/** `datasets/<name>.yml` and `views/<name>.yml` define datasets and views. */
function definedObjects(names: string[], folder: 'datasets' | 'views'): string[] {
	return names
		.map((name) => new RegExp(`(?:^|/)${folder}/([^/]+)\\.ya?ml$`, 'i').exec(name)?.[1])
		.filter((name): name is string => name !== undefined);
}

function merge(existing: SemanticObject[], names: string[]): SemanticObject[] {
	return names.map(
		(name) => existing.find((object) => object.name === name) ?? { name, status: null },
	);
}

export const semanticHandlers: HandlerTable = {
	IngestSemanticProject: async ({ path, body }, ctx) => {
		const project = requireProject(ctx.state, path.semanticProjectId);
		const form = ctx.form;
		if (!form) {
			throw new HexApiError(415, 'Send the semantic project as a zip in multipart/form-data');
		}
		const file = form.get(INGEST_ZIP_FIELD);
		if (!(file instanceof Blob)) {
			throw new HexApiError(
				400,
				`The multipart field "${INGEST_ZIP_FIELD}" with the zip is missing`,
			);
		}
		const names = zipEntryNames(Buffer.from(await file.arrayBuffer()));
		const files = names.filter((name) => !name.endsWith('/'));
		const yaml = files.filter((name) => YAML.test(name));
		if (yaml.length === 0) {
			throw new HexApiError(400, 'The zip holds no semantic project files (.yml or .yaml)');
		}
		if (!body.dryRun) {
			project.datasets = merge(project.datasets, definedObjects(yaml, 'datasets'));
			project.views = merge(project.views, definedObjects(yaml, 'views'));
			project.ingests += 1;
		}
		const skipped = files.filter((name) => !YAML.test(name));
		return {
			body: {
				traceId: ctx.traceId,
				contents: body.verbose ? yaml : [],
				...(skipped.length ? { warnings: skipped.map((name) => `Skipped ${name}: not YAML`) } : {}),
				...(body.debug ? { debug: { metricflowModelSchemas: {} } } : {}),
			},
		};
	},

	UpdateSemanticProject: ({ path, body }, { state }) => {
		const project = requireProject(state, path.semanticProjectId);
		const details: Array<Record<string, string>> = [];
		const targets = body.updates.map((update) => {
			const list = update.type === 'VIEW' ? project.views : project.datasets;
			const target = list.find((object) => object.name === update.name);
			if (!target) details.push({ name: update.name, type: update.type, reason: 'not_found' });
			else if (update.status !== null && !state.statuses.includes(update.status)) {
				details.push({
					name: update.name,
					type: update.type,
					reason: 'invalid_status',
					value: update.status,
				});
			}
			return { update, target };
		});
		// Atomic: one failure and nothing changes.
		if (details.length) throw new HexApiError(400, 'Some updates failed validation', [], details);
		const updated = { views: [] as SemanticObject[], datasets: [] as SemanticObject[] };
		for (const { update, target } of targets) {
			if (!target) continue;
			target.status = update.status;
			(update.type === 'VIEW' ? updated.views : updated.datasets).push({ ...target });
		}
		return { body: { updated } };
	},
};
