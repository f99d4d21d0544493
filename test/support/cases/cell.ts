import { addCells, cellsOf, firstCellOfType } from '../../fake-hex/routes/cells';
import { locator } from '../hex';
import type { OperationCases } from './types';
import { PRISM_IDS } from './types';

export const cellCases: OperationCases = {
	'cell.getAll': {
		prism: { cellProjectId: locator(PRISM_IDS.project), returnAll: true },
		fake: (_fake, fixture) => ({ cellProjectId: locator(fixture.projectId), limit: 5 }),
	},
	'cell.get': {
		prism: { cellId: locator(PRISM_IDS.cell) },
		fake: (fake, fixture) => ({
			cellId: locator(cellsOf(fake.state, fixture.projectId)[0].id),
		}),
	},
	'cell.create': {
		prism: {
			cellProjectId: locator(PRISM_IDS.project),
			cellType: 'SQL',
			source: 'select * from orders limit 100',
			sqlSource: 'connection',
			sqlDataConnectionId: locator(PRISM_IDS.connection),
			cellAdditionalFields: {
				label: 'Orders',
				outputDataframe: 'orders',
				parentCellId: PRISM_IDS.cell,
				childPosition: 'FIRST',
			},
		},
		fake: (_fake, fixture, index) => ({
			cellProjectId: locator(fixture.projectId),
			cellType: 'CODE',
			source: `print(${index})`,
		}),
	},
	'cell.update': {
		prism: {
			cellId: locator(PRISM_IDS.cell),
			cellType: 'SQL',
			dataConnectionAction: 'detach',
			cellUpdateFields: { source: 'select 1 as one', outputDataframe: 'one' },
		},
		fake: (fake, fixture, index) => ({
			cellId: locator(firstCellOfType(fake.state, fixture.projectId, 'CODE').id),
			cellType: 'CODE',
			cellUpdateFields: { source: `print(${index})` },
		}),
	},
	'cell.delete': {
		prism: { cellId: locator(PRISM_IDS.cell) },
		fake: (fake, fixture) => ({
			cellId: locator(addCells(fake.state, fixture.projectId, 1)[0].id),
		}),
	},
	'cell.getOutput': {
		prism: { cellId: locator(PRISM_IDS.cell), options: { outputCellRunErrors: true } },
		fake: (fake, fixture) => ({
			cellId: locator(firstCellOfType(fake.state, fixture.projectId, 'SQL').id),
		}),
	},
	'cell.getChartImage': {
		prism: {
			cellId: locator(PRISM_IDS.cell),
			binaryPropertyName: 'chart',
			options: { width: 800, height: 600, includeTitle: true },
		},
		fake: (fake, fixture) => ({
			cellId: locator(firstCellOfType(fake.state, fixture.projectId, 'CHART').id),
		}),
	},
};
