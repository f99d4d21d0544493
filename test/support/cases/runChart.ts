import type { IDataObject } from 'n8n-workflow';

import { firstCellOfType } from '../../fake-hex/routes/cells';
import { locator } from '../hex';
import type { FakeHex } from '../../fake-hex/server';
import type { OperationCases } from './types';
import { PRISM_IDS } from './types';

/** A completed run of the project (charts are read from completed runs), added when none is. */
const completedRunOf = (fake: FakeHex, projectId: string) =>
	fake.state.runsOf(projectId).find((run) => run.status === 'COMPLETED') ??
	fake.state.addRun(projectId);

export const runChartCases: OperationCases = {
	'run.getChartImage': {
		prism: {
			runProjectId: locator(PRISM_IDS.project),
			runId: PRISM_IDS.run,
			staticId: PRISM_IDS.cell,
			binaryPropertyName: 'chart',
			options: { width: 1200, height: 800, includeTitle: false },
		},
		fake: (fake, fixture) => {
			const run = completedRunOf(fake, fixture.projectId);
			return {
				runProjectId: locator(fixture.projectId),
				runId: run.runId,
				staticId: firstCellOfType(fake.state, fixture.projectId, 'CHART').staticId,
			};
		},
	},
	'run.getChartImages': {
		prism: {
			runProjectId: locator(PRISM_IDS.project),
			runId: PRISM_IDS.run,
			filters: { labelContains: 'revenue' },
			binaryPropertyName: 'chart',
			options: { width: 1200, height: 800, includeTitle: false },
		},
		// Prism's examples: a PENDING run whose one cell is a CODE cell with the static ID "string".
		// Changed on their way back so that the run completed and has a chart: the node then sends
		// all three requests of the operation to Prism.
		prismAnswers: {
			GetRunStatus: (run) => ({ ...run, status: 'COMPLETED' }),
			ListCells: (page) => ({
				...page,
				values: (page.values as IDataObject[]).map((cell) => ({
					...cell,
					cellType: 'CHART',
					staticId: PRISM_IDS.cell,
					label: 'Revenue by region',
				})),
			}),
		},
		fake: (fake, fixture) => {
			const run = completedRunOf(fake, fixture.projectId);
			return { runProjectId: locator(fixture.projectId), runId: run.runId };
		},
	},
};
