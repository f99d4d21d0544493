// The Hex Trigger over a simulated day (triggerSim.ts): today's rotation and the schedule-aware
// trigger side by side. Its own Jest process (bench/run.js); writes .out/trigger.json, which the
// timing process merges into the results. Request counts and "every run once" are checked here,
// in the smoke run too; the delay goal is judged in report.ts. With `--trigger` (bench/run.js)
// only this runs, and its figures replace the trigger's in the results the last run wrote.
import type { Mode } from './lib';
import { configFor } from './lib';
import type { Results } from './report';
import { emptyResults, evaluateGoals, formatTable } from './report';
import { job, platform, readJson, resultsFile, writeJson, writeText } from './system';
import type { TriggerFigures } from './triggerSim';
import { simulateTriggerDay } from './triggerSim';

const mode: Mode = job()?.mode ?? 'smoke';
const config = configFor(mode).trigger;
let figures: TriggerFigures | undefined;

afterAll(() => {
	if (!figures || job()?.only !== 'trigger') return;
	const results =
		(readJson(resultsFile(mode)) as Results | undefined) ??
		emptyResults(mode, configFor(mode), platform());
	results.config = { ...results.config, trigger: config };
	results.trigger = figures;
	results.goals = evaluateGoals(results);
	writeJson(resultsFile(mode), results);
	writeText('.out/table.txt', formatTable(results));
});

test(`5. Hex Trigger, Run Finished over ${config.hours} simulated hours: rotation and schedule-aware`, async () => {
	figures = await simulateTriggerDay(config);
	writeJson('.out/trigger.json', figures);
	expect(figures.scheduledRuns).toBeGreaterThan(0);
	for (const variant of figures.variants) {
		expect(variant.missing).toBe(0);
		expect(variant.duplicates).toBe(0);
		expect(variant.emitted).toBe(variant.runsEnded);
		expect(variant.maxRequestsPerPoll).toBeLessThanOrEqual(config.maxRequestsPerPoll);
	}
});
