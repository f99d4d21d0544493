import { firstCellOfType } from '../../fake-hex/routes/cells';
import { locator } from '../hex';
import type { OperationCases } from './types';
import { PRISM_IDS } from './types';

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
			const run =
				fake.state
					.runsOf(fixture.projectId)
					.find((candidate) => candidate.status === 'COMPLETED') ??
				fake.state.addRun(fixture.projectId);
			return {
				runProjectId: locator(fixture.projectId),
				runId: run.runId,
				staticId: firstCellOfType(fake.state, fixture.projectId, 'CHART').staticId,
			};
		},
	},
};
