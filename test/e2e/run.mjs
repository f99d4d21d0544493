// End-to-end tests in real n8n (npm run test:e2e; expects `npm run build` first).
// For each runtime in N8N_RUNTIMES: install n8n into the cache (once), start the fake Hex server
// and an SMTP sink on 127.0.0.1, import a Hex credential pointing at the fake server and an SMTP
// credential, import the workflows (five of examples/, one of test/e2e/workflows/; node type
// rewritten to CUSTOM.hex, the package is loaded from dist/ through N8N_CUSTOM_EXTENSIONS), run
// each with `n8n execute --id`
// and check the execution JSON, the requests the fake server received and the mail the sink got.
// Prints one `e2e PASS|FAIL <runtime> <workflow> (...)` line per workflow and runtime.
// Options: --runtime=<version|1|2> (repeatable) to run only some runtimes; --workflow=<key>
// (repeatable) to run only some workflows; --keep to keep the temporary n8n user folders.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
	assert,
	executeWorkflow,
	importIntoN8n,
	requireBuild,
	runCases,
	runEveryRuntime,
	runtimesFromArgs,
} from './execution.mjs';
import { exampleWorkflow, localCredentials, outputOf } from './examples.mjs';
import { fakeHexModule, publishedProjects, startFakeHex } from './fake-hex.mjs';
import { N8N_RUNTIMES, REPO_ROOT, ensureN8n, n8nCli, n8nDate, N8N_TIMEZONE } from './runtime.mjs';
import { mailAttachments, messageText, startSmtpSink } from './smtp-sink.mjs';

const HEX_CREDENTIAL_ID = 'e2eHexCredential01';
const SMTP_CREDENTIAL_ID = 'e2eSmtpCredential1';
const DAY_MS = 86_400_000;

function sameSet(actual, expected) {
	const a = [...new Set(actual)].sort();
	const b = [...new Set(expected)].sort();
	return (
		a.length === b.length && a.every((v, i) => v === b[i]) && actual.length === expected.length
	);
}

/** Every id a list operation returns, read page by page straight from the fake server. */
async function listAllIds(fake, path) {
	const ids = [];
	let after;
	for (let page = 0; page < 100; page++) {
		const url = new URL(`${fake.baseUrl}${path}`);
		url.searchParams.set('limit', '100');
		if (after) url.searchParams.set('after', after);
		const response = await fetch(url, { headers: { authorization: `Bearer ${fake.token}` } });
		assert(response.ok, `direct ${path} answered ${response.status}`);
		const body = await response.json();
		ids.push(...body.values.map((v) => v.id));
		after = body.pagination?.after;
		if (!after || body.values.length === 0) break;
	}
	return ids;
}

/** A workflow around one published project whose runs end with `status`. */
const failingRun = (index, status) => (ctx) => {
	ctx.project = publishedProjects(ctx.fake)[index];
	ctx.fake.state.setRunOutcome(ctx.project.id, { status, pollsBeforeTerminal: 1 });
	ctx.replace = { REPLACE_WITH_YOUR_PROJECT_ID: ctx.project.id };
	ctx.pollInterval = 2;
};

/**
 * The error item carries the run as its own fields (on the error output the input item, Start's
 * answer, would say PENDING), and the one mail sent links to the run with its status.
 */
function checkFailedRunItem(ctx, item, status) {
	const { error } = item ?? {};
	const stored = error && ctx.fake.state.findRun(ctx.project.id, error.runId);
	assert(
		stored?.status === status &&
			error.status === status &&
			error.runUrl === stored.runUrl &&
			error.projectId === ctx.project.id &&
			error.message === `The Hex run ended with status ${status}: ${stored.runUrl}`,
		`the error item is ${JSON.stringify(item)}`,
	);
	assert(
		ctx.smtp.messages.length === 1,
		`the SMTP sink got ${ctx.smtp.messages.length} messages, expected 1`,
	);
	const text = messageText(ctx.smtp.messages[0].raw);
	assert(text.includes(`Open it: ${stored.runUrl}`), 'the mail does not contain the run URL');
	assert(
		new RegExp(`Subject: Hex run failed: ${status}`).test(text),
		'the mail subject lacks the status',
	);
	return stored;
}

const WORKFLOWS = [
	{
		key: 'offboarding',
		file: 'offboard-inactive-users.json',
		id: 'e2eOffboarding',
		prepare(ctx) {
			// Generated logins are relative to a fixed past date; make a third of the users recent.
			const now = Date.now();
			ctx.fake.state.users.forEach((user, i) => {
				if (i % 3 === 1) user.lastLoginDate = new Date(now - (i + 1) * DAY_MS).toISOString();
			});
			const cutoff = now - 90 * DAY_MS;
			ctx.expected = ctx.fake.state
				.activeUsers()
				.filter(
					(u) => u.role !== 'ADMIN' && (!u.lastLoginDate || Date.parse(u.lastLoginDate) < cutoff),
				)
				.map((u) => u.id);
			ctx.activeBefore = ctx.fake.state.activeUsers().length;
			assert(
				ctx.expected.length > 0 && ctx.expected.length < ctx.activeBefore,
				'seed gives no mix of users',
			);
		},
		check(execution, ctx) {
			const listed = outputOf(execution, 'Get Hex Users');
			assert(
				listed?.length === ctx.activeBefore,
				`Get Hex Users returned ${listed?.length} users, expected ${ctx.activeBefore}`,
			);
			const filtered = outputOf(execution, 'Inactive for 90 Days');
			assert(
				sameSet(
					filtered.map((u) => u.id),
					ctx.expected,
				),
				`the filter kept ${filtered.length} users, expected ${ctx.expected.length}`,
			);
			const deactivated = outputOf(execution, 'Deactivate Hex User') ?? [];
			assert(
				deactivated.length === ctx.expected.length,
				`Deactivate Hex User output ${deactivated.length} items, expected ${ctx.expected.length}`,
			);
			const posted = ctx.requests
				.filter((r) => r.method === 'POST' && /\/v1\/users\/[^/]+\/deactivate$/.test(r.path))
				.map((r) => r.path.split('/').at(-2));
			assert(
				sameSet(posted, ctx.expected),
				`Hex received ${posted.length} deactivations, expected ${ctx.expected.length} (each once)`,
			);
			assert(
				sameSet([...ctx.fake.state.deactivatedUserIds], ctx.expected),
				'the fake workspace did not end with exactly the inactive users deactivated',
			);
			return `${ctx.expected.length} of ${ctx.activeBefore} users deactivated`;
		},
	},
	{
		key: 'run-then-email',
		file: 'run-project-then-email.json',
		id: 'e2eRunThenEmail',
		prepare(ctx) {
			ctx.project = publishedProjects(ctx.fake)[0];
			ctx.fake.state.setRunOutcome(ctx.project.id, { status: 'COMPLETED', pollsBeforeTerminal: 2 });
			ctx.replace = { REPLACE_WITH_YOUR_PROJECT_ID: ctx.project.id };
			ctx.pollInterval = 2;
			ctx.startedAt = new Date();
		},
		check(execution, ctx) {
			const [run] = outputOf(execution, 'Run Hex Project and Wait') ?? [];
			assert(run, 'Run Hex Project and Wait returned nothing');
			assert(run.status === 'COMPLETED', `the run ended ${run.status}, expected COMPLETED`);
			const stored = ctx.fake.state.findRun(ctx.project.id, run.runId);
			assert(
				stored?.status === 'COMPLETED',
				'the fake workspace has no completed run with that id',
			);
			assert(run.runUrl === stored.runUrl, 'the run URL in n8n differs from the one Hex sent');
			const starts = ctx.requests.filter((r) => r.operationId === 'RunProject');
			assert(starts.length === 1, `${starts.length} RunProject requests, expected 1`);
			const inputs = starts[0].body?.inputParams;
			// $now is in n8n's zone; the run may cross midnight there, so either date is right.
			const dates = new Set([n8nDate(ctx.startedAt), n8nDate()]);
			assert(
				inputs?.region === 'EMEA' && dates.has(inputs?.report_date),
				`RunProject inputs were ${JSON.stringify(inputs)}, expected region EMEA and report_date ${[...dates].join(' or ')} (today in ${N8N_TIMEZONE}, n8n's zone)`,
			);
			const polls = ctx.requests.filter((r) => r.operationId === 'GetRunStatus').length;
			assert(
				polls >= 3,
				`${polls} status polls, expected at least 3 (PENDING, RUNNING, COMPLETED)`,
			);
			assert(
				ctx.smtp.messages.length === 1,
				`the SMTP sink got ${ctx.smtp.messages.length} messages, expected 1`,
			);
			const [mail] = ctx.smtp.messages;
			assert(sameSet(mail.to, ['data-team@example.com']), `mail went to ${mail.to.join(', ')}`);
			const text = messageText(mail.raw);
			assert(text.includes(`Open it: ${run.runUrl}`), 'the mail does not contain the run URL');
			assert(
				/Subject: Hex report \(EMEA\) is ready/.test(text),
				'the mail subject is not the one of the workflow',
			);
			const sent = outputOf(execution, 'Email the Run Link') ?? [];
			assert(sent.length === 1, `Email the Run Link output ${sent.length} items`);
			return `run COMPLETED after ${polls} polls, email with the run URL sent`;
		},
	},
	{
		key: 'run-charts-email',
		file: 'run-charts-by-email.json',
		id: 'e2eRunChartsEmail',
		async prepare(ctx) {
			const cells = await fakeHexModule('routes/cells');
			const { state } = ctx.fake;
			ctx.project = publishedProjects(ctx.fake)[3];
			state.setRunOutcome(ctx.project.id, { status: 'COMPLETED', pollsBeforeTerminal: 1 });
			// Called before the import and again before the run: the charts are added once. A legacy
			// (Vega) chart, and a chart added to the draft after the published version the run runs.
			if (!ctx.draftOnly) {
				cells.addChartCell(state, ctx.project.id, 'Weekly signups', 'VEGA_CHART');
				ctx.draftOnly = cells.addChartCell(state, ctx.project.id, 'Churn (draft only)');
				const published = String(state.projectVersions.get(ctx.project.id));
				cells.markCellAddedAfter(state, ctx.draftOnly.id, { projectVersion: published });
			}
			ctx.charts = cells
				.cellsOf(state, ctx.project.id)
				.filter((cell) => ['CHART', 'VEGA_CHART'].includes(cell.cellType))
				.filter((cell) => cell.id !== ctx.draftOnly.id);
			ctx.replace = { REPLACE_WITH_YOUR_PROJECT_ID: ctx.project.id };
			ctx.pollInterval = 2;
		},
		async check(execution, ctx) {
			const { chartPng } = await fakeHexModule('png');
			const [run] = outputOf(execution, 'Run Hex Project and Wait') ?? [];
			assert(run?.status === 'COMPLETED', `the run ended ${run?.status}, expected COMPLETED`);
			const items = outputOf(execution, 'Get Chart Images') ?? [];
			const staticIds = ctx.charts.map((chart) => chart.staticId);
			assert(
				JSON.stringify(items.map((item) => item.staticId)) === JSON.stringify(staticIds),
				`Get Chart Images output ${items.length} charts, expected the run's ${staticIds.length}`,
			);
			const skipped = {
				label: ctx.draftOnly.label,
				staticId: ctx.draftOnly.staticId,
				cellId: ctx.draftOnly.id,
			};
			assert(
				items.every(
					(item) =>
						item.runId === run.runId &&
						JSON.stringify(item.skippedCharts) === JSON.stringify([skipped]),
				),
				`the items do not carry the run and the skipped draft-only chart: ${JSON.stringify(items[0])}`,
			);
			const images = ctx.requests.filter((r) => r.operationId === 'GetChartImageFromRun');
			assert(
				images.length === staticIds.length + 1 &&
					images.every((r) => r.query.width === '1200' && r.query.height === '800'),
				`${images.length} image requests, expected ${staticIds.length + 1} at 1200×800`,
			);
			assert(
				ctx.smtp.messages.length === 1,
				`the SMTP sink got ${ctx.smtp.messages.length} messages, expected 1`,
			);
			const raw = ctx.smtp.messages[0].raw;
			const attachments = mailAttachments(raw).filter((a) => a.contentType === 'image/png');
			const names = ctx.charts.map((chart) => `${chart.label ?? `chart-${chart.staticId}`}.png`);
			assert(
				JSON.stringify(attachments.map((a) => a.filename)) === JSON.stringify(names),
				`the mail's PNG attachments are ${JSON.stringify(attachments.map((a) => a.filename))}, expected ${JSON.stringify(names)}`,
			);
			ctx.charts.forEach((chart, index) => {
				assert(
					attachments[index].content.equals(chartPng(chart.staticId, run.runId)),
					`the attachment ${names[index]} is not the PNG Hex rendered for that chart of the run`,
				);
			});
			const text = messageText(raw);
			assert(
				text.includes('Churn (draft only)') && text.includes(run.runUrl),
				'the mail does not name the skipped chart and the run URL',
			);
			return `${attachments.length} PNG attachments arrived byte for byte (${names.join(', ')}); skipped as not in the run: ${ctx.draftOnly.label}`;
		},
	},
	{
		key: 'audit',
		file: 'audit-data-connections-and-projects.json',
		id: 'e2eAudit',
		async prepare(ctx) {
			ctx.expectedConnections = await listAllIds(ctx.fake, '/v1/data-connections');
			ctx.expectedProjects = await listAllIds(ctx.fake, '/v1/projects');
			assert(
				ctx.expectedConnections.length > 100 && ctx.expectedProjects.length > 200,
				`the seed is too small to need several pages (${ctx.expectedConnections.length} data connections, ${ctx.expectedProjects.length} projects)`,
			);
		},
		check(execution, ctx) {
			const connections = outputOf(execution, 'All Data Connections') ?? [];
			const projects = outputOf(execution, 'All Projects') ?? [];
			assert(
				sameSet(
					connections.map((c) => c.id),
					ctx.expectedConnections,
				),
				`All Data Connections returned ${connections.length} items, expected ${ctx.expectedConnections.length} distinct`,
			);
			assert(
				sameSet(
					projects.map((p) => p.id),
					ctx.expectedProjects,
				),
				`All Projects returned ${projects.length} items, expected ${ctx.expectedProjects.length} distinct`,
			);
			const connectionPages = ctx.requests.filter((r) => r.operationId === 'ListDataConnections');
			const projectPages = ctx.requests.filter((r) => r.operationId === 'ListProjects');
			const pagesNeeded = (n) => Math.ceil(n / 100);
			assert(
				connectionPages.length === pagesNeeded(connections.length),
				`${connectionPages.length} data connection pages requested`,
			);
			assert(
				projectPages.length === pagesNeeded(projects.length),
				`${projectPages.length} project pages requested`,
			);
			assert(
				[...connectionPages, ...projectPages].slice(1).some((r) => r.query.after),
				'no page was requested with a cursor',
			);
			return `${connections.length} data connections in ${connectionPages.length} pages, ${projects.length} projects in ${projectPages.length} pages`;
		},
	},
	{
		key: 'failed-run',
		file: 'failed-run-error-path.json',
		id: 'e2eFailedRun',
		prepare: failingRun(1, 'ERRORED'),
		check(execution, ctx) {
			const [started] = outputOf(execution, 'Start Hex Run') ?? [];
			assert(started?.runId, 'Start Hex Run returned no run');
			const ok = outputOf(execution, 'Wait for Completion', 0);
			const failed = outputOf(execution, 'Wait for Completion', 1);
			assert(ok !== undefined, 'Wait for Completion did not run');
			assert(
				ok.length === 0 && failed?.length === 1,
				`Wait for Completion sent ${ok.length} items to success and ${failed?.length ?? 0} to error`,
			);
			assert(outputOf(execution, 'Run Succeeded') === undefined, 'the success branch ran');
			const stored = checkFailedRunItem(ctx, failed[0], 'ERRORED');
			assert(stored.runId === started.runId, 'the error item is not the started run');
			const later = ctx.requests.filter(
				(r) => !['RunProject', 'GetRunStatus'].includes(r.operationId),
			);
			assert(later.length === 0, `extra Hex requests: ${later.map((r) => r.operationId)}`);
			return `run ERRORED → error output → email with the status and run URL from the error item`;
		},
	},
	{
		key: 'failed-run-regular-output',
		dir: 'test/e2e/workflows',
		file: 'start-wait-continue-regular.json',
		id: 'e2eFailedRunRegular',
		prepare: failingRun(2, 'KILLED'),
		check(execution, ctx) {
			const items = outputOf(execution, 'Run and Wait') ?? [];
			assert(items.length === 1, `Run and Wait output ${items.length} items`);
			checkFailedRunItem(ctx, items[0], 'KILLED');
			return `run KILLED → regular output → email with the status and run URL from the error item`;
		},
	},
];

async function runRuntime(runtime, { keep, workflows: selected }) {
	const results = [];
	const installStarted = Date.now();
	await ensureN8n(runtime.version);
	const installSeconds = (Date.now() - installStarted) / 1000;
	const userFolder = await mkdtemp(join(tmpdir(), `n8n-e2e-${runtime.version}-`));
	const fake = await startFakeHex({ seed: 6, users: 45, projects: 320, dataConnections: 150 });
	const smtp = await startSmtpSink();
	const started = Date.now();
	const cli = async (args, env = {}) => {
		const result = await n8nCli(runtime.version, args, { userFolder, env });
		// Nothing n8n prints may contain the token (the fake's, here).
		assert(
			!`${result.stdout}${result.stderr}`.includes(fake.token),
			`n8n ${args[0]} printed the API token`,
		);
		return result;
	};
	try {
		await importIntoN8n(
			cli,
			userFolder,
			'credentials',
			localCredentials({
				hex: { id: HEX_CREDENTIAL_ID, name: 'Hex API (fake)' },
				mail: { id: SMTP_CREDENTIAL_ID, name: 'SMTP sink' },
				fake,
				smtp,
			}),
		);

		const contexts = new Map();
		const workflows = [];
		for (const spec of selected) {
			const ctx = { fake, smtp };
			contexts.set(spec.key, ctx);
			await prepareReplacements(spec, ctx);
			workflows.push(
				await exampleWorkflow(spec.file, {
					dir: spec.dir,
					id: spec.id,
					replace: ctx.replace,
					pollInterval: ctx.pollInterval,
					credentials: {
						hexApi: { id: HEX_CREDENTIAL_ID, name: 'Hex API (fake)' },
						smtp: { id: SMTP_CREDENTIAL_ID, name: 'SMTP sink' },
					},
				}),
			);
		}
		await importIntoN8n(cli, userFolder, 'workflow', workflows);

		results.push(
			...(await runCases(
				runtime.version,
				selected,
				(spec) => spec.key,
				async (spec) => {
					const ctx = contexts.get(spec.key);
					await spec.prepare(ctx);
					fake.reset();
					smtp.messages.length = 0;
					const execution = await executeWorkflow(cli, spec.id);
					ctx.requests = [...fake.requests];
					assert(
						fake.internalErrors.length === 0,
						`the fake Hex server broke its own spec: ${fake.internalErrors[0]}`,
					);
					return await spec.check(execution, ctx);
				},
			)),
		);
	} finally {
		await fake.close();
		await smtp.close();
		if (!keep) await rm(userFolder, { recursive: true, force: true });
		else console.log(`kept n8n user folder ${userFolder}`);
	}
	console.log(
		`e2e ${runtime.label} (${runtime.version}): waited ${installSeconds.toFixed(1)} s for the install (0 when cached), workflows ${((Date.now() - started) / 1000).toFixed(1)} s`,
	);
	return results;
}

/**
 * Placeholders are filled before import; their values (project ids) come from the seeded state,
 * which `prepare` sets up again before the run (after fake.reset()).
 */
async function prepareReplacements(spec, ctx) {
	await spec.prepare(ctx);
	ctx.replace = {
		REPLACE_WITH_YOUR_CREDENTIAL_ID: HEX_CREDENTIAL_ID,
		REPLACE_WITH_YOUR_SMTP_CREDENTIAL_ID: SMTP_CREDENTIAL_ID,
		...ctx.replace,
	};
}

async function main() {
	const args = process.argv.slice(2);
	const keep = args.includes('--keep');
	const runtimes = runtimesFromArgs(args, N8N_RUNTIMES);
	requireBuild(REPO_ROOT, 'test:e2e');
	const keys = args.filter((a) => a.startsWith('--workflow=')).map((a) => a.slice(11));
	const workflows = keys.length ? WORKFLOWS.filter((w) => keys.includes(w.key)) : WORKFLOWS;
	if (!workflows.length) throw new Error(`No workflow matches ${keys.join(', ')}`);
	// Installs (first run only) go on side by side while the first runtime's workflows run.
	for (const runtime of runtimes) ensureN8n(runtime.version).catch(() => {});
	await runEveryRuntime(runtimes, (runtime) => runRuntime(runtime, { keep, workflows }), {
		script: 'e2e',
		count: workflows.length,
		noun: 'workflow',
	});
}

main().catch((error) => {
	console.error(`e2e failed: ${error.stack ?? error}`);
	process.exit(1);
});
