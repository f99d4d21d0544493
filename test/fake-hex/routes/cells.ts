import { HexApiError } from '../envelopes';
import { chartPng } from '../png';
import { digest, Random } from '../random';
import type { ResponseOf } from '../schemas';
import type { FakeHexState, Project, ProjectRun } from '../state';
import { paginate } from './pagination';
import type { HandlerTable } from './types';

export type Cell = ResponseOf<'GetCell'>;
export type CellType = Cell['cellType'];
export type CellOutputResult = ResponseOf<'GetCellOutput'>['result'];
type ContentsKey = 'codeCell' | 'sqlCell' | 'markdownCell';

/**
 * A valid 1×1 PNG: what the fake renders for every chart of the draft (size and title are not
 * drawn). Charts of a run get their own image (`chartPng`).
 */
export const CHART_PNG_BASE64 =
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const CHART_TYPES: ReadonlySet<CellType> = new Set(['CHART', 'VEGA_CHART']);
const SECTION_TYPES: ReadonlySet<CellType> = new Set(['CELL_GROUP', 'COLLAPSIBLE']);
const CONTENTS_KEYS: Record<'CODE' | 'SQL' | 'MARKDOWN', ContentsKey> = {
	CODE: 'codeCell',
	SQL: 'sqlCell',
	MARKDOWN: 'markdownCell',
};

const TABLES = ['orders', 'customers', 'invoices', 'sessions', 'events'];
const CUSTOMERS = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark'];

/** The draft notebook of each project, kept beside the shared state (which knows nothing of cells). */
interface CellState {
	/** Cells per project, in notebook order; generated on first use. */
	cells: Map<string, Cell[]>;
	/** Latest draft-session output of SQL cells, by cell id. */
	outputs: Map<string, CellOutputResult>;
	/** Section membership: child cell id → parent (section) cell id. */
	parents: Map<string, string>;
	/** The draft session's run id per project (GetCellOutput's runId). */
	sessions: Map<string, string>;
	/**
	 * The first published version that has a cell, by cell id (test helper `markCellAddedAfter`);
	 * a cell without an entry is in every version.
	 */
	firstVersions: Map<string, number>;
}

const cellStates = new WeakMap<FakeHexState, CellState>();

function stateOf(state: FakeHexState): CellState {
	let cellState = cellStates.get(state);
	if (!cellState) {
		cellState = {
			cells: new Map(),
			outputs: new Map(),
			parents: new Map(),
			sessions: new Map(),
			firstVersions: new Map(),
		};
		cellStates.set(state, cellState);
	}
	return cellState;
}

const noContents = (): Cell['contents'] => ({ codeCell: null, sqlCell: null, markdownCell: null });

function tableResult(random: Random, rowCount: number): CellOutputResult {
	const rows = Array.from({ length: rowCount }, (_, i) => ({
		order_id: String(1000 + i),
		customer: random.pick(CUSTOMERS),
		amount: (random.int(500, 500_000) / 100).toFixed(2),
		// Hex sends missing values as null.
		shipped_at: random.bool(0.2) ? null : `2025-05-${String(random.int(1, 28)).padStart(2, '0')}`,
	}));
	return {
		type: 'table',
		rowLimit: 10_000,
		rowsReturned: rows.length,
		totalRows: rows.length,
		totalRowsKind: 'EXACT',
		truncated: false,
		columns: [
			{ name: 'order_id', type: 'NUMBER' },
			{ name: 'customer', type: 'STRING' },
			{ name: 'amount', type: 'NUMBER' },
			{ name: 'shipped_at', type: 'DATE' },
		],
		rows,
	};
}

/**
 * A project's draft: a Markdown title, a section with a SQL cell, then code, SQL and chart cells.
 * Seeded by the project id, so it does not depend on which project is read first.
 */
function generateCells(state: FakeHexState, cellState: CellState, project: Project): Cell[] {
	const random = new Random(parseInt(digest(`cells:${state.seed}:${project.id}`, 8), 16));
	const cells: Cell[] = [];
	const add = (cellType: CellType, fields: Partial<Cell> = {}): Cell => {
		const cell: Cell = {
			id: random.uuid(),
			staticId: random.uuid(),
			cellType,
			label: null,
			dataConnectionId: null,
			contents: noContents(),
			projectId: project.id,
			...fields,
		};
		cells.push(cell);
		return cell;
	};
	const connection = () =>
		state.dataConnections.length ? random.pick(state.dataConnections).id : null;
	let dataframes = 0;
	const addSql = (label: string | null, rows: number) => {
		const table = random.pick(TABLES);
		dataframes += 1;
		const cell = add('SQL', {
			label,
			dataConnectionId: connection(),
			contents: {
				...noContents(),
				sqlCell: {
					source: `select * from analytics.public.${table}\nlimit 100`,
					outputDataframe: `dataframe_${dataframes}`,
				},
			},
		});
		cellState.outputs.set(cell.id, tableResult(random, rows));
		return cell;
	};

	add('MARKDOWN', {
		contents: { ...noContents(), markdownCell: { source: `# ${project.title}` } },
	});
	const section = add('CELL_GROUP', { label: 'Data' });
	cellState.parents.set(addSql('Orders', random.int(3, 8)).id, section.id);
	add('CODE', {
		contents: { ...noContents(), codeCell: { source: 'summary = dataframe_1.describe()' } },
	});
	add('CHART', { label: 'Revenue by customer' });
	for (let extra = random.int(1, 6); extra > 0; extra--) {
		const kind = random.pick(['SQL', 'CODE', 'MARKDOWN', 'CHART', 'DISPLAY_TABLE'] as const);
		if (kind === 'SQL') addSql(random.bool() ? `Query ${dataframes + 1}` : null, random.int(0, 6));
		else if (kind === 'CODE')
			add('CODE', { contents: { ...noContents(), codeCell: { source: `print(${extra})` } } });
		else if (kind === 'MARKDOWN')
			add('MARKDOWN', { contents: { ...noContents(), markdownCell: { source: `Note ${extra}` } } });
		else add(kind);
	}
	cellState.sessions.set(project.id, random.uuid());
	return cells;
}

function requireProject(state: FakeHexState, id: string): Project {
	const project = state.findProject(id);
	if (!project) throw new HexApiError(404, `Project ${id} not found`);
	return project;
}

/** The draft cells of a project, in notebook order (the live list: tests may change it). */
export function cellsOf(state: FakeHexState, projectId: string): Cell[] {
	const cellState = stateOf(state);
	let cells = cellState.cells.get(projectId);
	if (!cells) {
		cells = generateCells(state, cellState, requireProject(state, projectId));
		cellState.cells.set(projectId, cells);
	}
	return cells;
}

/** Test helper: appends `count` Markdown cells to a project's draft (e.g. to span pages). */
export function addCells(state: FakeHexState, projectId: string, count: number): Cell[] {
	const cells = cellsOf(state, projectId);
	const added = Array.from({ length: count }, (_, i): Cell => {
		const source = `Added cell ${cells.length + i + 1}`;
		return {
			id: state.newId(),
			staticId: state.newId(),
			cellType: 'MARKDOWN',
			label: null,
			dataConnectionId: null,
			contents: { ...noContents(), markdownCell: { source } },
			projectId,
		};
	});
	cells.push(...added);
	return added;
}

/** Test helper: appends a chart cell to a project's draft. */
export function addChartCell(
	state: FakeHexState,
	projectId: string,
	label: string | null,
	cellType: 'CHART' | 'VEGA_CHART' = 'CHART',
): Cell {
	const cell: Cell = {
		id: state.newId(),
		staticId: state.newId(),
		cellType,
		label,
		dataConnectionId: null,
		contents: noContents(),
		projectId,
	};
	cellsOf(state, projectId).push(cell);
	return cell;
}

/**
 * Test helper: the cell was added to the draft after `run`'s version was published, so that run
 * (and runs of older versions) does not have it: GetChartImageFromRun answers 404 for it. A run
 * still to be started: `{ projectVersion }` of the project's latest published version.
 */
export function markCellAddedAfter(
	state: FakeHexState,
	cellId: string,
	run: Pick<ProjectRun, 'projectVersion'>,
): void {
	stateOf(state).firstVersions.set(cellId, Number(run.projectVersion) + 1);
}

/** Whether the project version a run ran has the cell ("draft" runs have every draft cell). */
function runHasCell(state: FakeHexState, run: ProjectRun, cell: Cell): boolean {
	const first = stateOf(state).firstVersions.get(cell.id);
	const version = Number(run.projectVersion);
	return first === undefined || Number.isNaN(version) || first <= version;
}

/** Test helper: the output GetCellOutput answers for a cell (e.g. a cell_run_error). */
export function setCellOutput(state: FakeHexState, cellId: string, result: CellOutputResult): void {
	stateOf(state).outputs.set(cellId, result);
}

/** Test helper: the first cell of a type in a project's draft. */
export function firstCellOfType(state: FakeHexState, projectId: string, cellType: CellType): Cell {
	const cell = cellsOf(state, projectId).find((candidate) => candidate.cellType === cellType);
	if (!cell) throw new Error(`Project ${projectId} has no ${cellType} cell`);
	return cell;
}

/** A cell of any generated draft, by id (and by static id where Hex accepts both). */
function findCell(
	state: FakeHexState,
	id: string,
	staticIdToo = false,
): { cell: Cell; cells: Cell[] } | undefined {
	for (const cells of stateOf(state).cells.values()) {
		const cell = cells.find(
			(candidate) => candidate.id === id || (staticIdToo && candidate.staticId === id),
		);
		if (cell) return { cell, cells };
	}
	return undefined;
}

function requireCell(state: FakeHexState, id: string, staticIdToo = false) {
	const found = findCell(state, id, staticIdToo);
	if (!found) throw new HexApiError(404, `Cell ${id} not found`);
	return found;
}

function requireChart(cell: Cell): void {
	if (!CHART_TYPES.has(cell.cellType)) {
		throw new HexApiError(
			400,
			`Cell ${cell.id} is a ${cell.cellType} cell; only chart cells can be rendered as images`,
		);
	}
}

function requireConnection(state: FakeHexState, id: string): void {
	if (!state.findDataConnection(id)) throw new HexApiError(404, `Data connection ${id} not found`);
}

/** Where a new cell goes: after a cell, first/last in a section, or at the end. */
function insertionIndex(
	cellState: CellState,
	cells: Cell[],
	location: { insertAfterCellId?: string; parentCellId?: string; childPosition?: string },
): number {
	const indexOf = (id: string, field: string) => {
		const index = cells.findIndex((cell) => cell.id === id);
		if (index < 0) {
			throw new HexApiError(400, `location.${field}: cell ${id} is not in this project`);
		}
		return index;
	};
	if (location.parentCellId !== undefined) {
		const parentIndex = indexOf(location.parentCellId, 'parentCellId');
		if (!SECTION_TYPES.has(cells[parentIndex].cellType)) {
			throw new HexApiError(
				400,
				`location.parentCellId: cell ${location.parentCellId} is not a section cell`,
			);
		}
	}
	if (location.insertAfterCellId !== undefined) {
		return indexOf(location.insertAfterCellId, 'insertAfterCellId') + 1;
	}
	if (location.parentCellId === undefined) return cells.length;
	const parentId = location.parentCellId;
	const parentIndex = cells.findIndex((cell) => cell.id === parentId);
	if (location.childPosition === 'FIRST') return parentIndex + 1;
	let last = parentIndex;
	cells.forEach((cell, index) => {
		if (cellState.parents.get(cell.id) === parentId) last = Math.max(last, index);
	});
	return last + 1;
}

export const cellHandlers: HandlerTable = {
	ListCells: ({ query }, { state }) => ({
		body: paginate('ListCells', cellsOf(state, query.projectId), query),
	}),

	GetCell: ({ path }, { state }) => ({ body: requireCell(state, path.cellId).cell }),

	CreateCell: ({ body }, { state }) => {
		const cellState = stateOf(state);
		const cells = cellsOf(state, body.projectId);
		const key = CONTENTS_KEYS[body.cellType];
		const given = Object.keys(body.contents);
		if (given.length !== 1 || given[0] !== key) {
			throw new HexApiError(400, `A ${body.cellType} cell needs contents.${key}`, [
				`contents: got ${given.join(', ') || 'nothing'}`,
			]);
		}
		const contents = noContents();
		let dataConnectionId: string | null = null;
		if ('sqlCell' in body.contents) {
			const sql = body.contents.sqlCell;
			if (sql.dataConnectionId !== undefined && sql.isDataframeSql) {
				throw new HexApiError(400, 'dataConnectionId and isDataframeSql are mutually exclusive');
			}
			if (sql.dataConnectionId !== undefined) {
				requireConnection(state, sql.dataConnectionId);
				dataConnectionId = sql.dataConnectionId;
			}
			const taken = cells.filter((cell) => cell.contents.sqlCell !== null).length;
			contents.sqlCell = {
				source: sql.source,
				outputDataframe: sql.outputDataframe ?? `dataframe_${taken + 1}`,
			};
		} else if ('codeCell' in body.contents) {
			contents.codeCell = { source: body.contents.codeCell.source };
		} else {
			contents.markdownCell = { source: body.contents.markdownCell.source };
		}
		const location = body.location ?? {};
		const index = insertionIndex(cellState, cells, location);
		const cell: Cell = {
			id: state.newId(),
			staticId: state.newId(),
			cellType: body.cellType,
			label: body.label ?? null,
			dataConnectionId,
			contents,
			projectId: body.projectId,
		};
		cells.splice(index, 0, cell);
		const parentId =
			location.parentCellId ??
			(location.insertAfterCellId ? cellState.parents.get(location.insertAfterCellId) : undefined);
		if (parentId !== undefined) cellState.parents.set(cell.id, parentId);
		return { body: cell };
	},

	UpdateCell: ({ path, body }, { state }) => {
		const { cell } = requireCell(state, path.cellId);
		const key =
			cell.cellType in CONTENTS_KEYS
				? CONTENTS_KEYS[cell.cellType as keyof typeof CONTENTS_KEYS]
				: undefined;
		const given = Object.keys(body.contents ?? {});
		if (given.length > 1 || (given.length === 1 && given[0] !== key)) {
			throw new HexApiError(
				400,
				key
					? `Cell ${cell.id} is a ${cell.cellType} cell; send contents.${key}`
					: `The source of a ${cell.cellType} cell cannot be edited`,
				[`contents: got ${given.join(', ')}`],
			);
		}
		if (body.dataConnectionId !== undefined && cell.cellType !== 'SQL') {
			throw new HexApiError(400, `Cell ${cell.id} is not a SQL cell; it has no data connection`);
		}
		const contents = body.contents ?? {};
		if (contents.sqlCell && cell.contents.sqlCell) {
			cell.contents.sqlCell = {
				source: contents.sqlCell.source,
				outputDataframe: contents.sqlCell.outputDataframe ?? cell.contents.sqlCell.outputDataframe,
			};
		}
		if (contents.codeCell) cell.contents.codeCell = { source: contents.codeCell.source };
		if (contents.markdownCell)
			cell.contents.markdownCell = { source: contents.markdownCell.source };
		if (typeof body.dataConnectionId === 'string') requireConnection(state, body.dataConnectionId);
		if (body.dataConnectionId !== undefined) cell.dataConnectionId = body.dataConnectionId;
		return { body: cell };
	},

	DeleteCell: ({ path }, { state }) => {
		const cellState = stateOf(state);
		const { cell, cells } = requireCell(state, path.cellId);
		cells.splice(cells.indexOf(cell), 1);
		cellState.outputs.delete(cell.id);
		cellState.firstVersions.delete(cell.id);
		cellState.parents.delete(cell.id);
		for (const [child, parent] of [...cellState.parents]) {
			if (parent === cell.id) cellState.parents.delete(child);
		}
		return { body: { cellId: cell.id } };
	},

	GetCellOutput: ({ path }, { state }) => {
		const cellState = stateOf(state);
		const { cell } = requireCell(state, path.cellId, true);
		if (cell.cellType !== 'SQL') {
			throw new HexApiError(
				400,
				`Cell ${cell.id} is a ${cell.cellType} cell; only SQL cells have output`,
			);
		}
		const result = cellState.outputs.get(cell.id);
		if (!result) {
			throw new HexApiError(
				404,
				`Cell ${cell.id} has no output in the draft session; run it first`,
			);
		}
		return {
			body: {
				projectId: cell.projectId,
				runId: cellState.sessions.get(cell.projectId) ?? digest(`session:${cell.projectId}`, 32),
				cell: { id: cell.id, staticId: cell.staticId, cellType: cell.cellType },
				result,
			},
		};
	},

	GetChartImageFromLogic: ({ path }, { state }) => {
		const { cell } = requireCell(state, path.cellId, true);
		requireChart(cell);
		return { body: { cellId: cell.id, imageBase64: CHART_PNG_BASE64, mimeType: 'image/png' } };
	},

	GetChartImageFromRun: ({ path }, { state }) => {
		requireProject(state, path.projectId);
		const run = state.findRun(path.projectId, path.runId);
		if (!run)
			throw new HexApiError(404, `Run ${path.runId} of project ${path.projectId} not found`);
		if (run.status !== 'COMPLETED') {
			throw new HexApiError(
				400,
				`Run ${run.runId} has status ${run.status}; chart images need a completed run`,
			);
		}
		const cell = cellsOf(state, path.projectId).find(
			(candidate) => candidate.staticId === path.staticId,
		);
		if (!cell || !runHasCell(state, run, cell)) {
			throw new HexApiError(
				404,
				cell
					? `Cell ${path.staticId} is not in version ${run.projectVersion} of project ${path.projectId}, which run ${run.runId} ran`
					: `No cell with static ID ${path.staticId} in project ${path.projectId}`,
			);
		}
		requireChart(cell);
		return {
			body: {
				projectId: path.projectId,
				runId: run.runId,
				staticId: cell.staticId,
				imageBase64: chartPng(cell.staticId, run.runId).toString('base64'),
				mimeType: 'image/png',
			},
		};
	},
};
