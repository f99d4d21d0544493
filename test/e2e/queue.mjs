// Queue mode (npm run test:queue; expects `npm run build` first): the node on n8n's distributed
// engine. Starts, all on 127.0.0.1 and all stopped again by this script (also on failure):
// a private Postgres and Redis (test/e2e/services.mjs), the fake Hex server with a compressed rate
// limit (30 requests per 2 s), a collector for what the trigger emits, n8n 2.41.1 as main with
// EXECUTIONS_MODE=queue and two `n8n worker` processes (concurrency 20 each), the package loaded
// from dist/ as in the e2e tests. Two workflows, imported and published with the CLI:
// - Webhook (production, POST) → Hex Run → Start (project and inputs from the body, Wait for
//   Completion, error output on) → Respond to Webhook with the run; a failed run (error output)
//   → Respond to Webhook with the error.
// - Hex Trigger (Run Finished, the four projects, every minute) → HTTP Request to the collector.
// - examples/wait-without-holding-a-worker.json (Get Run Status, Run Finished?, Wait 70 Seconds,
//   loop) and its caller examples/start-run-then-wait-without-holding-a-worker.json, whose Manual
//   Trigger becomes a production Webhook here so that main enqueues it for a worker.
// 100 concurrent webhook calls over four projects (one of which the fake makes fail), one run
// waited for by the sub-workflow (it waits in Postgres, on no worker, and resumes on one), then a
// main restart with runs finishing while main is down. One `queue PASS|FAIL <check>` line per
// check, a summary with the numbers measured, exit code 1 on any failure.
// Options: --keep keeps the n8n user folders and logs.
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { exampleWorkflow, hexCredential } from './examples.mjs';
import { Check, assert, waitUntil } from './execution.mjs';
import { publishedProjects, startFakeHex } from './fake-hex.mjs';
import { REPO_ROOT, ensureN8n, freePort, n8nCli, n8nDir, startN8n } from './runtime.mjs';
import { startPostgres, startRedis } from './services.mjs';

const VERSION = '2.41.1';
const CALLS = 100;
const WORKERS = 2;
const CONCURRENCY = 20;
const POLL_INTERVAL_S = 2;
// The status budget of each process, as the README advises: the (compressed) limit of 900 a
// minute shared by the 2 workers, with a third left for run starts and the trigger.
const POLLS_PER_MINUTE = 300;
const RATE_LIMIT = { limit: 30, windowMs: 2000 };
const MAX_RETRIES = 10;
const WEBHOOK_PATH = 'hex-queue-run';
const CREDENTIAL_ID = 'queueHexCredential';
const WEBHOOK_WORKFLOW_ID = 'queueHexWebhookRun';
const TRIGGER_WORKFLOW_ID = 'queueHexRunTrigger';
const WAIT_WEBHOOK_PATH = 'hex-queue-wait-for-run';
const WAIT_CALLER_ID = 'queueHexWaitCaller';
const WAIT_SUB_ID = 'queueHexWaitSubflow';
// The whole test, setup included, is stopped after this (a hang is a failure, not a CI timeout).
// It counts from when n8n is installed: a first install alone takes 6 to 20 minutes.
const OVERALL_TIMEOUT_MS = 12 * 60_000;

const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(0)} s`;
const progress = (message) => process.stderr.write(`[queue ${elapsed()}] ${message}\n`);

const results = [];
async function check(name, fn) {
	try {
		const detail = await fn();
		results.push({ name, ok: true });
		console.log(`queue PASS ${name}${detail ? ` (${detail})` : ''}`);
	} catch (error) {
		results.push({ name, ok: false });
		console.log(
			`queue FAIL ${name}: ${error instanceof Check ? error.message : (error.stack ?? error)}`,
		);
	}
}

const cleanups = [];
let cleaning;
function cleanup() {
	cleaning ??= (async () => {
		for (const step of cleanups.reverse()) {
			try {
				await step();
			} catch (error) {
				process.stderr.write(`cleanup: ${error.message}\n`);
			}
		}
	})();
	return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM']) {
	process.once(signal, () => {
		progress(`${signal}: stopping everything`);
		void cleanup().then(() => process.exit(1));
	});
}

/** Receives what the trigger workflow's HTTP Request node posts: one run per request. */
async function startCollector() {
	const emitted = [];
	const server = createServer((req, res) => {
		let body = '';
		req.on('data', (chunk) => (body += chunk));
		req.on('end', () => {
			try {
				emitted.push({ ...JSON.parse(body), receivedAt: Date.now() });
				res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
			} catch {
				res.writeHead(400).end();
			}
		});
	});
	const port = await freePort();
	await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${port}/emitted`,
		emitted,
		close: () =>
			new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

const credential = { hexApi: { id: CREDENTIAL_ID, name: 'Hex API (fake)' } };

function webhookWorkflow() {
	return {
		id: WEBHOOK_WORKFLOW_ID,
		name: 'Queue: webhook → Hex run → respond',
		active: true,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: randomUUID(),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: {
					httpMethod: 'POST',
					path: WEBHOOK_PATH,
					responseMode: 'responseNode',
					options: {},
				},
			},
			{
				id: randomUUID(),
				name: 'Run Hex Project',
				type: 'CUSTOM.hex',
				typeVersion: 1,
				position: [220, 0],
				onError: 'continueErrorOutput',
				credentials: credential,
				parameters: {
					resource: 'run',
					operation: 'start',
					runProjectId: { __rl: true, mode: 'id', value: '={{ $json.body.projectId }}' },
					inputParametersMode: 'json',
					inputParametersJson: '={{ JSON.stringify($json.body.inputs) }}',
					waitForCompletion: true,
					pollInterval: POLL_INTERVAL_S,
					timeout: 300,
					cancelOnTimeout: true,
					pollsPerMinute: POLLS_PER_MINUTE,
					requestOptions: { maxRetries: MAX_RETRIES },
				},
			},
			{
				id: randomUUID(),
				name: 'Respond With Run',
				type: 'n8n-nodes-base.respondToWebhook',
				typeVersion: 1.1,
				position: [440, -100],
				parameters: {
					respondWith: 'json',
					responseBody:
						"={{ JSON.stringify({ request: $('Webhook').item.json.body.request, status: $json.status, runId: $json.runId, projectId: $json.projectId, runUrl: $json.runUrl }) }}",
					options: {},
				},
			},
			{
				id: randomUUID(),
				name: 'Respond With Failure',
				type: 'n8n-nodes-base.respondToWebhook',
				typeVersion: 1.1,
				position: [440, 100],
				parameters: {
					respondWith: 'json',
					// An error item holds { error: { message, projectId, runId, runUrl, status, … } }; the
					// request comes from the Webhook node.
					responseBody:
						"={{ JSON.stringify({ request: $('Webhook').first().json.body.request, failed: true, error: $json.error }) }}",
					options: {},
				},
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Run Hex Project', type: 'main', index: 0 }]] },
			'Run Hex Project': {
				main: [
					[{ node: 'Respond With Run', type: 'main', index: 0 }],
					[{ node: 'Respond With Failure', type: 'main', index: 0 }],
				],
			},
		},
	};
}

function triggerWorkflow(projectIds, collectorUrl) {
	return {
		id: TRIGGER_WORKFLOW_ID,
		name: 'Queue: Hex run finished → collector',
		active: true,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: randomUUID(),
				name: 'Hex Run Finished',
				type: 'CUSTOM.hexTrigger',
				typeVersion: 1,
				position: [0, 0],
				credentials: credential,
				parameters: {
					pollTimes: { item: [{ mode: 'everyMinute' }] },
					event: 'runFinished',
					statuses: ['COMPLETED', 'ERRORED', 'KILLED', 'UNABLE_TO_ALLOCATE_KERNEL'],
					projectScope: 'selected',
					projects: {
						project: projectIds.map((id) => ({ projectId: { __rl: true, mode: 'id', value: id } })),
					},
					runTrigger: 'ALL',
				},
			},
			{
				id: randomUUID(),
				name: 'Report Emitted Run',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [220, 0],
				parameters: {
					method: 'POST',
					url: collectorUrl,
					sendBody: true,
					specifyBody: 'json',
					jsonBody:
						'={{ JSON.stringify({ runId: $json.runId, projectId: $json.projectId, status: $json.status, executionId: $execution.id }) }}',
					options: {},
				},
			},
		],
		connections: {
			'Hex Run Finished': { main: [[{ node: 'Report Emitted Run', type: 'main', index: 0 }]] },
		},
	};
}

/**
 * The two worker-free wait examples as shipped, filled in: the sub-workflow, and its caller with
 * the Manual Trigger replaced by a production Webhook (answering at once), so that main takes the
 * call and a worker runs it, as for any trigger in queue mode.
 */
async function workerFreeWaitWorkflows(projectId) {
	const filled = {
		REPLACE_WITH_YOUR_CREDENTIAL_ID: CREDENTIAL_ID,
		REPLACE_WITH_YOUR_PROJECT_ID: projectId,
		REPLACE_WITH_YOUR_SUB_WORKFLOW_ID: WAIT_SUB_ID,
	};
	const sub = await exampleWorkflow('wait-without-holding-a-worker.json', {
		id: WAIT_SUB_ID,
		replace: filled,
		credentials: credential,
	});
	const caller = await exampleWorkflow('start-run-then-wait-without-holding-a-worker.json', {
		id: WAIT_CALLER_ID,
		replace: filled,
		credentials: credential,
	});
	const manual = caller.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger');
	assert(manual, 'the caller example has no Manual Trigger to replace');
	caller.connections.Webhook = caller.connections[manual.name];
	delete caller.connections[manual.name];
	Object.assign(manual, {
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: randomUUID(),
		parameters: { httpMethod: 'POST', path: WAIT_WEBHOOK_PATH, options: {} },
	});
	return [sub, caller];
}

function countBy(values) {
	const counts = new Map();
	for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
	return counts;
}

function startedExecutions(logs) {
	return new Set([...logs.matchAll(/Worker started execution (\d+)/g)].map((m) => m[1]));
}

async function main() {
	for (const file of ['dist/nodes/Hex/Hex.node.js', 'dist/nodes/HexTrigger/HexTrigger.node.js']) {
		if (!existsSync(join(REPO_ROOT, file)))
			throw new Error(`${file} is missing: run npm run build before npm run test:queue`);
	}
	const keep = process.argv.includes('--keep');
	await ensureN8n(VERSION);
	overall = setTimeout(() => {
		console.log(
			`queue FAIL the test did not finish within ${OVERALL_TIMEOUT_MS / 60000} minutes (after the install)`,
		);
		void cleanup().then(() => process.exit(1));
	}, OVERALL_TIMEOUT_MS);
	progress(`n8n ${VERSION} ready; starting Postgres, Redis, the fake Hex server and the collector`);
	const [pg, redis, fake, collector] = await Promise.all([
		startPostgres(),
		startRedis(),
		startFakeHex({ seed: 12, users: 5, projects: 12, dataConnections: 1, rateLimit: RATE_LIMIT }),
		startCollector(),
	]);
	cleanups.push(pg.stop, redis.stop, fake.close, collector.close);
	const root = await mkdtemp(join(tmpdir(), 'n8n-queue-'));
	cleanups.push(async () => {
		if (keep) console.log(`kept ${root}`);
		else await rm(root, { recursive: true, force: true });
	});

	// Four published projects: three complete after 1, 2 and 3 RUNNING polls, one errors.
	const published = publishedProjects(fake);
	assert(published.length >= 4, `the seed has only ${published.length} published projects`);
	const projects = published.slice(0, 4).map((p, i) => ({
		id: p.id,
		outcome:
			i === 3
				? { status: 'ERRORED', pollsBeforeTerminal: 2 }
				: { status: 'COMPLETED', pollsBeforeTerminal: i + 1 },
	}));
	for (const p of projects) fake.state.setRunOutcome(p.id, p.outcome);
	// A fifth, not watched by the trigger, for the worker-free wait: its runs stay PENDING or RUNNING
	// however often they are polled, until the test ends them (fake.state.finishRun).
	assert(published.length >= 5, `the seed has only ${published.length} published projects`);
	const waitProject = published[4];
	fake.state.setRunOutcome(waitProject.id, { status: 'COMPLETED', pollsBeforeTerminal: 1e9 });
	const historyRunIds = new Set(
		projects.flatMap((p) => fake.state.runsOf(p.id).map((r) => r.runId)),
	);

	const shared = {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: pg.host,
		DB_POSTGRESDB_PORT: String(pg.port),
		DB_POSTGRESDB_DATABASE: pg.database,
		DB_POSTGRESDB_USER: pg.user,
		DB_POSTGRESDB_PASSWORD: pg.password,
		// Every process of one n8n must decrypt the same credentials.
		N8N_ENCRYPTION_KEY: randomBytes(24).toString('hex'),
		N8N_LOG_LEVEL: 'info',
	};
	const mainFolder = join(root, 'main');

	progress('importing the credential and the four workflows, publishing them, with the n8n CLI');
	const credentialsFile = join(root, 'credentials.json');
	await writeFile(credentialsFile, JSON.stringify([hexCredential(credential.hexApi, fake)]));
	await chmod(credentialsFile, 0o600);
	const cli = async (args) => {
		const result = await n8nCli(VERSION, args, { userFolder: mainFolder, env: shared });
		const output = `${result.stdout}${result.stderr}`;
		if (result.code !== 0) throw new Error(`n8n ${args[0]} failed:\n${output.slice(-3000)}`);
		assert(!output.includes(fake.token), `n8n ${args[0]} printed the API token`);
		return output;
	};
	await cli(['import:credentials', `--input=${credentialsFile}`]);
	await rm(credentialsFile);
	const workflowsFile = join(root, 'workflows.json');
	await writeFile(
		workflowsFile,
		JSON.stringify([
			webhookWorkflow(),
			triggerWorkflow(
				projects.map((p) => p.id),
				collector.url,
			),
			...(await workerFreeWaitWorkflows(waitProject.id)),
		]),
	);
	await cli(['import:workflow', `--input=${workflowsFile}`]);
	// n8n 2.x: activating is publishing (import's --activeState=fromJson needs a user session). A
	// sub-workflow that production executions call must be published too.
	await Promise.all(
		[WEBHOOK_WORKFLOW_ID, TRIGGER_WORKFLOW_ID, WAIT_CALLER_ID, WAIT_SUB_ID].map((id) =>
			cli(['publish:workflow', `--id=${id}`]),
		),
	);

	progress(`starting n8n main (queue mode) and ${WORKERS} workers (concurrency ${CONCURRENCY})`);
	const mainPort = await freePort();
	const startMain = () =>
		startN8n({ version: VERSION, userFolder: mainFolder, port: mainPort, env: shared });
	let n8nMain;
	const workers = [];
	cleanups.push(async () => {
		await Promise.all([n8nMain?.stop(), ...workers.map((w) => w.stop())]);
	});
	const workerStarts = Array.from({ length: WORKERS }, async (_, i) => {
		const worker = await startN8n({
			version: VERSION,
			userFolder: join(root, `worker-${i + 1}`),
			port: await freePort(),
			env: shared,
			command: ['worker', `--concurrency=${CONCURRENCY}`],
		});
		workers[i] = worker;
	});
	n8nMain = await startMain();
	await Promise.all(workerStarts);
	const projectRunsPolls = () =>
		fake.requests.filter((r) => r.operationId === 'GetProjectRuns').length;
	// n8n 2.x activates published workflows through its publication service shortly after the
	// start: the production webhook is registered in the database, the trigger polls once.
	const webhookRegistered = async (workflowId) =>
		Number(
			(
				await pg.psql(`select count(*) from webhook_entity where "workflowId" = '${workflowId}'`)
			).trim(),
		) > 0;
	await waitUntil(
		async () =>
			(await webhookRegistered(WEBHOOK_WORKFLOW_ID)) && (await webhookRegistered(WAIT_CALLER_ID)),
		120000,
		'main did not register the production webhooks',
	);
	// The trigger's activation poll records where Hex stands; runs started before it would count
	// as history.
	await waitUntil(
		() =>
			projects.every((p) =>
				fake.requests.some((r) => r.operationId === 'GetProjectRuns' && r.path.includes(p.id)),
			),
		120000,
		'the Hex Trigger did not poll its projects at activation',
	);
	progress(`main on ${n8nMain.url}, workers ready; sending ${CALLS} webhook calls at once`);

	// --- Workload: 100 concurrent webhook calls -------------------------------------------------
	const requestsBefore = fake.requests.length;
	const loadStarted = Date.now();
	const calls = await Promise.all(
		Array.from({ length: CALLS }, async (_, request) => {
			const project = projects[request % projects.length];
			const began = Date.now();
			try {
				const response = await fetch(`${n8nMain.url}/webhook/${WEBHOOK_PATH}`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({
						request,
						projectId: project.id,
						inputs: { request_id: request, region: ['EMEA', 'AMER', 'APAC'][request % 3] },
					}),
					signal: AbortSignal.timeout(300000),
				});
				const text = await response.text();
				let body;
				try {
					body = JSON.parse(text);
				} catch {
					body = text;
				}
				return { request, project, code: response.status, body, ms: Date.now() - began };
			} catch (error) {
				return { request, project, code: 0, body: String(error), ms: Date.now() - began };
			}
		}),
	);
	const loadSeconds = (Date.now() - loadStarted) / 1000;
	progress(`all webhook calls answered in ${loadSeconds.toFixed(1)} s`);

	// n8n stores an execution's data in Postgres as `flatted` text; n8n's own copy reads it.
	const parseFlatted = createRequire(join(n8nDir(VERSION), 'node_modules', 'n8n', 'package.json'))(
		'flatted',
	).parse;
	const executionData = async (executionId) =>
		parseFlatted(
			(
				await pg.psql(
					`select data from execution_data where "executionId" = ${Number(executionId)}`,
				)
			).trim(),
		);
	const executionRows = async (workflowId) =>
		(
			await pg.psql(
				`select id, status from execution_entity where "workflowId" = '${workflowId}' order by id`,
			)
		)
			.trim()
			.split('\n')
			.filter(Boolean)
			.map((line) => {
				const [id, status] = line.split('|');
				return { id, status };
			});
	// Whether an execution has finished comes from n8n's own rows: main writes one (status new)
	// before it enqueues the job, the worker sets it running, then success or error when it ends.
	const finishedExecutions = async (workflowId, atLeast, timeoutMs, what) => {
		let rows = [];
		await waitUntil(
			async () => {
				rows = await executionRows(workflowId);
				return (
					rows.length >= atLeast &&
					rows.every((r) => !['new', 'running', 'waiting'].includes(r.status))
				);
			},
			timeoutMs,
			what,
			() =>
				`${rows.length} executions by status: ${JSON.stringify(Object.fromEntries(countBy(rows.map((r) => r.status))))}`,
		);
		return rows;
	};
	/**
	 * Which workers ran each execution of `ids` (a map id → worker indexes). A worker logs "Worker
	 * started execution <id>" when it takes the job, before it marks the execution running (n8n's
	 * JobProcessor.processJob), so a finished execution's line has been printed; this process may
	 * not have read it from the worker's pipe yet, so this waits until each id is found in some
	 * worker's output and fails loudly, naming the ones never found, after timeoutMs.
	 */
	const workersThatRan = async (ids, timeoutMs, label) => {
		let where = new Map();
		const nowhere = () => ids.filter((id) => where.get(id).length === 0);
		await waitUntil(
			() => {
				const started = workers.map((w) => startedExecutions(w.logs()));
				where = new Map(
					ids.map((id) => [id, started.flatMap((set, i) => (set.has(id) ? [i] : []))]),
				);
				return nowhere().length === 0;
			},
			timeoutMs,
			`a "Worker started execution" line for every one of the ${ids.length} ${label}`,
			() =>
				`${ids.length - nowhere().length} of ${ids.length} ${label} ran on a worker; none for ${nowhere().slice(0, 5).join(', ')}`,
		);
		return where;
	};
	// An execution may still be saving after its response went out. A timeout here fails each
	// check that reads these rows (webhookExecutions() throws it).
	const webhookExecutions = await finishedExecutions(
		WEBHOOK_WORKFLOW_ID,
		CALLS,
		120000,
		`the ${CALLS} webhook executions did not all finish`,
	).then(
		(rows) => () => rows,
		(error) => () => {
			throw error;
		},
	);
	const loadRequests = fake.requests.slice(requestsBefore);
	const apiRuns = () =>
		projects.flatMap((p) =>
			fake.state
				.runsOf(p.id)
				.filter((r) => fake.state.runProgress.has(r.runId))
				.map((r) => ({ ...r, project: p })),
		);
	const createdRuns = apiRuns();
	const failProject = projects[3];
	const okCalls = calls.filter((c) => c.project !== failProject);
	const failCalls = calls.filter((c) => c.project === failProject);

	await check('100 runs created, none twice', () => {
		assert(
			createdRuns.length === CALLS,
			`Hex has ${createdRuns.length} runs started through the API`,
		);
		for (const p of projects) {
			const wanted = calls.filter((c) => c.project === p).length;
			const got = createdRuns.filter((r) => r.project === p).length;
			assert(got === wanted, `project ${p.id}: ${got} runs for ${wanted} calls`);
		}
		const answered = okCalls.map((c) => c.body?.runId);
		assert(
			new Set(answered).size === okCalls.length,
			`${okCalls.length} successful calls answered ${new Set(answered).size} distinct run IDs`,
		);
		const starts = loadRequests.filter((r) => r.operationId === 'RunProject');
		const byRequest = countBy(starts.map((r) => r.body?.inputParams?.request_id));
		assert(
			byRequest.size === CALLS,
			`RunProject was sent for ${byRequest.size} distinct request IDs, expected ${CALLS}`,
		);
		return `${createdRuns.length} runs, ${starts.length} RunProject requests (${starts.length - CALLS} answered 429 and retried)`;
	});

	await check('every webhook answered with the run’s final status', () => {
		for (const c of okCalls) {
			assert(c.code === 200, `call ${c.request} answered ${c.code}: ${JSON.stringify(c.body)}`);
			const run = fake.state.findRun(c.project.id, c.body.runId);
			assert(
				run,
				`call ${c.request} answered run ${c.body.runId}, which project ${c.project.id} does not have`,
			);
			assert(
				c.body.status === 'COMPLETED' && run.status === 'COMPLETED',
				`call ${c.request} answered ${c.body.status}, Hex says ${run.status}`,
			);
			assert(
				c.body.request === c.request,
				`call ${c.request} got the answer of call ${c.body.request}`,
			);
			assert(c.body.runUrl === run.runUrl, `call ${c.request} answered another run URL`);
		}
		for (const c of failCalls) {
			assert(
				c.code === 200 && c.body?.failed === true && c.body.request === c.request,
				`call ${c.request} (failing project) answered ${c.code}: ${JSON.stringify(c.body)}`,
			);
			const failed = createdRuns.find((r) => r.runId === c.body.error?.runId);
			assert(
				failed &&
					failed.project === failProject &&
					c.body.error.status === 'ERRORED' &&
					c.body.error.runUrl === failed.runUrl &&
					c.body.error.message === `The Hex run ended with status ERRORED: ${failed.runUrl}`,
				`call ${c.request} answered the error ${JSON.stringify(c.body.error)}`,
			);
		}
		const failedRunIds = new Set(failCalls.map((c) => c.body.error.runId));
		assert(
			failedRunIds.size === failCalls.length,
			`${failCalls.length} failing calls answered only ${failedRunIds.size} distinct runs`,
		);
		const failedRuns = createdRuns.filter((r) => r.project === failProject);
		assert(
			failedRuns.every((r) => r.status === 'ERRORED'),
			'not every run of the failing project ended ERRORED',
		);
		const slowest = Math.max(...calls.map((c) => c.ms)) / 1000;
		return `${okCalls.length} × 200 COMPLETED, ${failCalls.length} × failed with their ERRORED run (run ID, URL, status) on the error item; slowest answer ${slowest.toFixed(1)} s`;
	});

	await check('0 failed executions; the runs Hex failed went to the error output', async () => {
		const rows = webhookExecutions();
		const byStatus = countBy(rows.map((r) => r.status));
		assert(
			rows.length === CALLS,
			`${rows.length} executions of the webhook workflow, expected ${CALLS}`,
		);
		assert(
			(byStatus.get('success') ?? 0) === CALLS,
			`executions by status: ${JSON.stringify(Object.fromEntries(byStatus))}, expected ${CALLS} success`,
		);
		// Which executions took the error output: the ones whose Respond With Failure ran.
		const failures = Number(
			(
				await pg.psql(
					`select count(*) from execution_entity e join execution_data d on d."executionId" = e.id where e."workflowId" = '${WEBHOOK_WORKFLOW_ID}' and d.data like '%"Respond With Failure":"%'`,
				)
			).trim(),
		);
		assert(
			failures === failCalls.length,
			`${failures} executions took the error output, expected the ${failCalls.length} of the failing project`,
		);
		return `${byStatus.get('success')} success, of which ${failures} reported their ERRORED run on the error output`;
	});

	await check('both workers executed some', async () => {
		const ids = webhookExecutions().map((r) => r.id);
		const where = await workersThatRan(ids, 30000, 'webhook executions');
		const counts = workers.map((_, i) => ids.filter((id) => where.get(id).includes(i)).length);
		const twice = ids.filter((id) => where.get(id).length > 1);
		assert(twice.length === 0, `${twice.length} executions ran on both workers (e.g. ${twice[0]})`);
		assert(
			counts.every((n) => n > 0),
			`executions per worker: ${counts.join(', ')}`,
		);
		assert(!/Worker started execution/.test(n8nMain.logs()), 'main executed workflows itself');
		return `worker 1: ${counts[0]}, worker 2: ${counts[1]}`;
	});

	let budgetSummary = '';
	await check('requests per run within the polling budget', () => {
		const intervalMs = POLL_INTERVAL_S * 1000;
		let polls = 0;
		let slowed = 0;
		for (const run of createdRuns) {
			const progressOf = fake.state.runProgress.get(run.runId);
			const statusRequests = loadRequests.filter(
				(r) => r.operationId === 'GetRunStatus' && r.path.endsWith(`/runs/${run.runId}`),
			).length;
			const answered = progressOf.polls;
			const runMs = Date.parse(run.endTime) - Date.parse(progressOf.createdAt);
			const budget = Math.ceil(runMs / intervalMs) + 1;
			assert(
				answered === progressOf.outcome.pollsBeforeTerminal + 1,
				`run ${run.runId}: ${answered} status answers, expected ${progressOf.outcome.pollsBeforeTerminal + 1} (none after the end)`,
			);
			assert(
				statusRequests <= budget,
				`run ${run.runId}: ${statusRequests} status requests in ${runMs} ms, budget ceil(run time / ${POLL_INTERVAL_S} s) + 1 = ${budget}`,
			);
			polls += statusRequests;
			slowed += statusRequests - answered;
		}
		const total = loadRequests.filter((r) =>
			['RunProject', 'GetRunStatus'].includes(r.operationId),
		).length;
		budgetSummary = `${(total / CALLS).toFixed(2)} requests per run (${polls} status requests, ${slowed} of them answered 429)`;
		return budgetSummary;
	});

	// --- Waiting without holding a worker -------------------------------------------------------
	// The caller starts a run (no wait) and calls the sub-workflow, which gets the run's status and,
	// while it has not finished, waits 70 s in n8n's Wait node and gets it again. The run stays
	// PENDING until the test has seen, in n8n's own records, both executions waiting in Postgres
	// and none of their jobs in Bull's active or waiting lists (the jobs workers hold or are about
	// to take); then Hex ends it COMPLETED and n8n has to resume the sub-workflow, then the caller.
	const rowsOf = async (workflowId) =>
		(
			await pg.psql(
				`select id, status, coalesce(floor(extract(epoch from "waitTill") * 1000)::bigint::text, '') from execution_entity where "workflowId" = '${workflowId}' order by id`,
			)
		)
			.trim()
			.split('\n')
			.filter(Boolean)
			.map((line) => {
				const [id, status, waitTill] = line.split('|');
				return { id, status, waitTill: waitTill ? Number(waitTill) : undefined };
			});
	const bullJobIds = async (list) =>
		(await redis.cli('LRANGE', `bull:jobs:${list}`, '0', '-1')).split('\n').filter(Boolean);
	/** Execution IDs of the jobs in n8n's Bull queue (`jobs`, prefix `bull`) active or waiting. */
	const heldOrQueued = async () => {
		const ids = [];
		for (const job of [...(await bullJobIds('active')), ...(await bullJobIds('wait'))]) {
			const data = (await redis.cli('HGET', `bull:jobs:${job}`, 'data')).trim();
			if (data) ids.push(String(JSON.parse(data).executionId));
		}
		return ids;
	};
	/** How many times a node ran in an execution, and the items of its last run. */
	const nodeOutput = async (executionId, nodeName) => {
		const runs = (await executionData(executionId))?.resultData?.runData?.[nodeName] ?? [];
		return { runs: runs.length, items: (runs.at(-1)?.data?.main?.[0] ?? []).map((i) => i.json) };
	};
	const startsOn = (id) =>
		workers.map(
			(w) =>
				[...w.logs().matchAll(/Worker started execution (\d+)/g)].filter((m) => m[1] === id).length,
		);
	const FINAL = ['COMPLETED', 'ERRORED', 'KILLED', 'UNABLE_TO_ALLOCATE_KERNEL'];
	progress('worker-free wait: calling the caller example; its sub-workflow waits 70 s per loop');
	let waitSummary = 'not run';
	await check(
		'worker-free wait: the sub-workflow waits in Postgres on no worker, then resumes on one to the run’s final status',
		async () => {
			// Bull's job counter proves the keys read below are n8n's queue: it has every job so far.
			const jobsSoFar = Number((await redis.cli('GET', 'bull:jobs:id')).trim());
			assert(
				jobsSoFar >= CALLS,
				`Redis key bull:jobs:id is ${jobsSoFar}: not n8n's Bull queue of the ${CALLS}+ jobs so far`,
			);
			const called = Date.now();
			const response = await fetch(`${n8nMain.url}/webhook/${WAIT_WEBHOOK_PATH}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: '{}',
				signal: AbortSignal.timeout(60000),
			});
			assert(response.ok, `the caller's webhook answered ${response.status}`);
			const runOf = () =>
				fake.state.runsOf(waitProject.id).filter((r) => fake.state.runProgress.has(r.runId));
			let seen = {};
			await waitUntil(
				async () => {
					const [callers, subs, held] = await Promise.all([
						rowsOf(WAIT_CALLER_ID),
						rowsOf(WAIT_SUB_ID),
						heldOrQueued(),
					]);
					const runs = runOf();
					seen = { callers, subs, heldOrQueued: held, runs: runs.map((r) => r.status) };
					const waiting = (row) => row?.status === 'waiting' && !held.includes(row.id);
					return (
						callers.length === 1 &&
						subs.length === 1 &&
						waiting(callers[0]) &&
						callers[0].waitTill !== undefined &&
						waiting(subs[0]) &&
						subs[0].waitTill > Date.now() &&
						runs.length === 1 &&
						!FINAL.includes(runs[0].status)
					);
				},
				90000,
				'the caller and the sub-workflow never both waited in Postgres while no worker held them and the run went on',
				() => JSON.stringify(seen),
			);
			const [caller] = seen.callers;
			const [sub] = seen.subs;
			const [run] = runOf();
			const waitedFrom = Date.now();
			const resumeIn = (sub.waitTill - waitedFrom) / 1000;
			assert(
				resumeIn <= 70,
				`the sub-workflow waits until ${new Date(sub.waitTill).toISOString()}, more than 70 s`,
			);
			const heldWhileWaiting = seen.heldOrQueued.length;
			const [statusWhileWaiting] = seen.runs;
			fake.state.finishRun(waitProject.id, run.runId, 'COMPLETED');

			await waitUntil(
				async () => {
					seen = { callers: await rowsOf(WAIT_CALLER_ID), subs: await rowsOf(WAIT_SUB_ID) };
					return [...seen.callers, ...seen.subs].every((r) => r.status === 'success');
				},
				240000,
				'the caller and the sub-workflow did not both end in success after the run finished',
				() => JSON.stringify(seen),
			);
			assert(
				seen.callers.length === 1 && seen.subs.length === 1,
				`expected one execution each, the same ones resumed: ${JSON.stringify(seen)}`,
			);
			const ended = Date.now();

			const started = await nodeOutput(caller.id, 'Start Hex Run');
			assert(
				started.items.length === 1 &&
					started.items[0].runId === run.runId &&
					started.items[0].finished === false,
				`Start Hex Run output ${JSON.stringify(started.items)}`,
			);
			const gets = await nodeOutput(sub.id, 'Get Run Status');
			const waits = await nodeOutput(sub.id, 'Wait 70 Seconds');
			const { polls } = fake.state.runProgress.get(run.runId);
			assert(
				waits.runs >= 1 && waits.runs === polls && gets.runs === polls + 1,
				`Get Run Status ran ${gets.runs} times and Wait 70 Seconds ${waits.runs}; Hex answered ${polls} times before the run ended (expected one wait per such answer, and one more get)`,
			);
			for (const [label, out] of [
				[
					'the sub-workflow’s Return the Finished Run',
					await nodeOutput(sub.id, 'Return the Finished Run'),
				],
				['the caller’s Wait for the Run', await nodeOutput(caller.id, 'Wait for the Run')],
			]) {
				const [item] = out.items;
				assert(
					out.items.length === 1 &&
						item.runId === run.runId &&
						item.projectId === waitProject.id &&
						item.status === 'COMPLETED' &&
						item.finished === true &&
						item.runUrl === run.runUrl,
					`${label} output ${JSON.stringify(out.items)}`,
				);
			}

			// Where they ran: a worker prints "Worker started execution <id>" for each job it takes
			// (the caller's start and its resumption, the sub-workflow's resumption; the sub-workflow's
			// first part ran inside the caller's job). Up to 30 s for the lines to come through.
			let starts = {};
			await waitUntil(
				() => {
					starts = { caller: startsOn(caller.id), sub: startsOn(sub.id) };
					const total = (counts) => counts.reduce((a, b) => a + b, 0);
					return total(starts.caller) >= 2 && total(starts.sub) >= 1;
				},
				30000,
				'no "Worker started execution" lines for the resumed executions',
				() => JSON.stringify(starts),
			);
			assert(!/Worker started execution/.test(n8nMain.logs()), 'main executed workflows itself');
			const on = (counts) =>
				counts.flatMap((n, i) => (n ? [`worker ${i + 1}${n > 1 ? ` ×${n}` : ''}`] : [])).join(', ');
			waitSummary = `worker-free wait ${((ended - called) / 1000).toFixed(0)} s`;
			return `caller ${caller.id} and sub-workflow ${sub.id} status waiting in Postgres (waitTill ${new Date(caller.waitTill).toISOString().slice(0, 10)} and now +${resumeIn.toFixed(0)} s), no job of theirs active or queued in Bull (${heldWhileWaiting} jobs there, ${jobsSoFar} so far), the run still ${statusWhileWaiting}; run ended COMPLETED, sub-workflow resumed on ${on(starts.sub)}, caller ran on ${on(starts.caller)}; ${waits.runs} wait, ${gets.runs} status gets; both success, last outputs finished: true, COMPLETED; ${((ended - called) / 1000).toFixed(0)} s from the call to the end`;
		},
	);

	// --- Trigger ---------------------------------------------------------------------------------
	const emittedIds = () => collector.emitted.map((e) => e.runId);
	const waitForEmitted = (runIds, timeoutMs, what) =>
		waitUntil(
			() => runIds.every((id) => emittedIds().includes(id)),
			timeoutMs,
			what,
			() =>
				`${runIds.filter((id) => emittedIds().includes(id)).length} of ${runIds.length} emitted`,
		);
	const loadRunIds = createdRuns.map((r) => r.runId);

	const emittedOnce = (ids, label) => {
		const counts = countBy(emittedIds());
		const missing = ids.filter((id) => !counts.has(id));
		const repeated = [...counts].filter(([, n]) => n > 1);
		const unexpected = [...counts.keys()].filter((id) => historyRunIds.has(id));
		assert(missing.length === 0, `${label}: ${missing.length} finished runs never emitted`);
		assert(repeated.length === 0, `${label}: ${repeated.length} runs emitted more than once`);
		assert(
			unexpected.length === 0,
			`${label}: ${unexpected.length} runs from before activation emitted`,
		);
		const statusMismatch = collector.emitted.filter((e) => {
			const p = projects.find((q) => q.id === e.projectId);
			return !p || fake.state.findRun(p.id, e.runId)?.status !== e.status;
		});
		assert(
			statusMismatch.length === 0,
			`${label}: ${statusMismatch.length} emitted with a wrong status`,
		);
	};
	// Once every expected run has arrived: the trigger's executions, each finished (so all it
	// posted has arrived too) and successful.
	const finishedTriggerExecutions = async () => {
		const rows = await finishedExecutions(
			TRIGGER_WORKFLOW_ID,
			1,
			120000,
			'the trigger workflow never ran, or its executions did not all finish',
		);
		const failed = rows.filter((r) => r.status !== 'success');
		const why = async (r) => (await executionData(r.id))?.resultData?.error?.message;
		assert(
			failed.length === 0,
			`trigger executions: ${rows.map((r) => r.status).join(', ')}; ${(await Promise.all(failed.map(async (r) => `${r.id}: ${await why(r)}`))).join('; ')}`,
		);
		return rows;
	};
	const triggerOnWorkers = async (rows) => {
		const where = await workersThatRan(
			rows.map((r) => r.id),
			30000,
			'trigger executions',
		);
		const twice = rows.filter((r) => where.get(r.id).length > 1);
		assert(
			twice.length === 0,
			`${twice.length} trigger executions ran on both workers (e.g. ${twice[0]?.id})`,
		);
	};
	let triggerRows = [];
	progress('waiting for the trigger to emit the finished runs (it polls every minute)');
	await check('trigger: each finished run emitted exactly once', async () => {
		await waitForEmitted(loadRunIds, 150000, 'the trigger did not emit every finished run');
		triggerRows = await finishedTriggerExecutions();
		emittedOnce(loadRunIds, 'during the load');
		await triggerOnWorkers(triggerRows);
		return `${loadRunIds.length} runs in ${triggerRows.length} trigger executions, all on workers`;
	});

	// --- Main restart ----------------------------------------------------------------------------
	progress('restarting main; runs finish while it is down');
	await n8nMain.stop();
	const whileDown = projects.map((p, i) =>
		fake.state.addRun(p.id, { status: i === 3 ? 'ERRORED' : 'COMPLETED', runTrigger: 'SCHEDULED' }),
	);
	const stillRunning = fake.state.addRun(projects[0].id, {
		status: 'RUNNING',
		runTrigger: 'SCHEDULED',
	});
	const pollsBeforeRestart = projectRunsPolls();
	n8nMain = await startMain();
	await waitUntil(
		() => projectRunsPolls() > pollsBeforeRestart,
		60000,
		'the trigger did not poll after the restart',
	);
	// Ends after main saw it running (at its first poll after the restart, at the latest).
	await waitUntil(
		() => projectRunsPolls() >= pollsBeforeRestart + projects.length,
		60000,
		'the first poll after the restart did not finish',
	);
	fake.state.finishRun(projects[0].id, stillRunning.runId, 'COMPLETED');
	const afterRestartIds = [...whileDown.map((r) => r.runId), stillRunning.runId];
	await check('trigger: after a main restart nothing repeats', async () => {
		await waitForEmitted(
			afterRestartIds,
			150000,
			'runs that finished around the restart were not emitted',
		);
		const rows = await finishedTriggerExecutions();
		emittedOnce([...loadRunIds, ...afterRestartIds], 'after the restart');
		await triggerOnWorkers(rows);
		return `${afterRestartIds.length} runs that finished while main was down or after it came back emitted once, none of the ${loadRunIds.length} earlier ones again; ${rows.length - triggerRows.length} more trigger executions`;
	});

	const failed = results.filter((r) => !r.ok);
	console.log(
		`queue: ${results.length - failed.length}/${results.length} checks passed; n8n ${VERSION} main + ${WORKERS} workers (concurrency ${CONCURRENCY}), Postgres, Redis; ${CALLS} webhook calls answered in ${loadSeconds.toFixed(1)} s under ${RATE_LIMIT.limit} requests / ${RATE_LIMIT.windowMs / 1000} s; ${budgetSummary}; ${collector.emitted.length} runs emitted by the trigger; ${waitSummary}; total ${elapsed()}`,
	);
	return failed.length === 0;
}

let overall;
main()
	.then(
		(ok) => ok,
		(error) => {
			console.log(
				`queue FAIL setup: ${error instanceof Check ? error.message : (error.stack ?? error)}`,
			);
			return false;
		},
	)
	.then(async (ok) => {
		await cleanup();
		clearTimeout(overall);
		process.exit(ok ? 0 : 1);
	});
