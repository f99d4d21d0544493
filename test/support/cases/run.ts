import { locator } from '../hex';
import type { OperationCases } from './types';
import { PRISM_IDS } from './types';

export const runCases: OperationCases = {
	'run.start': {
		prism: {
			runProjectId: locator(PRISM_IDS.project),
			inputParametersMode: 'json',
			inputParametersJson: '{"region": "EMEA", "threshold": 10, "tags": ["a"]}',
			notifications: {
				notification: [
					{
						type: 'FAILURE',
						includeSuccessScreenshot: true,
						screenshotFormat: 'pdf',
						slackChannelIds: 'C0123, C0456',
						userIds: PRISM_IDS.user,
						groupIds: PRISM_IDS.group,
						subject: 'Run failed',
						body: 'See Hex',
					},
				],
			},
			options: { dryRun: true, updatePublishedResults: false, useCachedSqlResults: false },
		},
		fake: (_fake, fixture) => ({ runProjectId: locator(fixture.projectId) }),
	},
	'run.get': {
		prism: {
			runProjectId: locator(PRISM_IDS.project),
			runId: PRISM_IDS.run,
			options: { includeExpandedStats: true },
		},
		fake: (fake, fixture) => ({
			runProjectId: locator(fixture.projectId),
			runId: fake.state.runsOf(fixture.projectId)[0].runId,
		}),
	},
	'run.getAll': {
		prism: {
			runProjectId: locator(PRISM_IDS.project),
			limit: 3,
			filters: { statusFilter: 'ERRORED', runTriggerFilter: 'SCHEDULED' },
		},
		fake: (_fake, fixture) => ({ runProjectId: locator(fixture.projectId), limit: 5 }),
	},
	'run.cancel': {
		prism: { runProjectId: locator(PRISM_IDS.project), runId: PRISM_IDS.run },
		fake: (fake, fixture) => ({
			runProjectId: locator(fixture.projectId),
			runId: fake.state.addRun(fixture.projectId, { status: 'RUNNING' }).runId,
		}),
	},
	// Prism always answers the same example status, so this wait ends by timing out and cancelling.
	'run.wait': {
		prism: {
			runProjectId: locator(PRISM_IDS.project),
			runId: PRISM_IDS.run,
			pollInterval: 2,
			timeout: 1,
		},
		fake: (fake, fixture) => ({
			runProjectId: locator(fixture.projectId),
			runId: fake.state.addRun(fixture.projectId).runId,
		}),
	},
};
