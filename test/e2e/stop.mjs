// Stopping a waiting execution in real n8n (npm run test:stop; expects `npm run build` first).
// For each runtime in N8N_RUNTIMES: starts the fake Hex (one project whose runs never finish) and
// `n8n start` on 127.0.0.1 with the package loaded from dist/, a workflow Webhook (production,
// answers at once) → Hex Run → Start with Wait for Completion (poll every 2 s, timeout an hour,
// Cancel Run If the Wait Ends Early left at its default, on) imported and activated with the CLI.
// Creates the owner over REST and signs in with its cookie, calls the webhook, waits until the fake
// has answered a status poll of the run, then stops the execution through n8n's REST API
// (POST /rest/executions/:id/stop, as the editor's Stop button does) and checks: the fake Hex
// receives DELETE of that run after the stop (never before), the run ends KILLED in the fake, and
// n8n records the execution as canceled. Every wait is bounded and fails with what it saw.
// Prints `e2e PASS|FAIL n8n <version> stop (...)` per runtime; exit code 1 on any failure.
// Options: --runtime=<version|1|2> (repeatable) to run only some runtimes; --keep to keep the
// temporary n8n user folders (with n8n's log).
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
	Check,
	assert,
	importIntoN8n,
	requireBuild,
	runCases,
	runEveryRuntime,
	runtimesFromArgs,
	tail,
	waitUntil,
} from './execution.mjs';
import { hexCredential } from './examples.mjs';
import { publishedProjects, startFakeHex } from './fake-hex.mjs';
import { N8N_RUNTIMES, REPO_ROOT, ensureN8n, freePort, n8nCli, startN8n } from './runtime.mjs';

const CREDENTIAL = { id: 'e2eStopHexCredent', name: 'Hex API (fake)' };
const WORKFLOW_ID = 'e2eStopWaitingRun';
const WEBHOOK_PATH = 'hex-stop-waiting-run';
const POLL_INTERVAL_S = 2;
const OWNER = {
	email: 'owner@example.com',
	firstName: 'Stop',
	lastName: 'Check',
	password: `E2e-${randomUUID().slice(0, 8)}-Pw1`,
};

function stopWorkflow(projectId) {
	return {
		id: WORKFLOW_ID,
		name: 'e2e: webhook → Hex run that never finishes, stopped while waiting',
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
				parameters: { httpMethod: 'POST', path: WEBHOOK_PATH, responseMode: 'onReceived' },
			},
			{
				id: randomUUID(),
				name: 'Run and Wait',
				type: 'CUSTOM.hex',
				typeVersion: 1,
				position: [220, 0],
				credentials: { hexApi: CREDENTIAL },
				// cancelOnTimeout is left out: its default (on) is what is tested.
				parameters: {
					resource: 'run',
					operation: 'start',
					runProjectId: { __rl: true, mode: 'id', value: projectId },
					waitForCompletion: true,
					pollInterval: POLL_INTERVAL_S,
					timeout: 3600,
				},
			},
		],
		connections: { Webhook: { main: [[{ node: 'Run and Wait', type: 'main', index: 0 }]] } },
	};
}

/** A signed-in client of n8n's REST API: the owner is created, its auth cookie kept. */
async function ownerSession(url) {
	// The auth cookie is bound to the browser id it was issued with.
	const browserId = randomUUID();
	const setup = await fetch(`${url}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'browser-id': browserId },
		body: JSON.stringify(OWNER),
	});
	const text = await setup.text();
	assert(
		setup.ok && text.includes(OWNER.email),
		`POST /rest/owner/setup answered ${setup.status}: ${text.slice(0, 300)}`,
	);
	const cookie = setup.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.find((c) => c.startsWith('n8n-auth='));
	assert(cookie, 'POST /rest/owner/setup set no n8n-auth cookie');
	return async (method, path, body) => {
		const response = await fetch(`${url}/rest${path}`, {
			method,
			headers: {
				cookie,
				'browser-id': browserId,
				...(body ? { 'content-type': 'application/json' } : {}),
			},
			body: body ? JSON.stringify(body) : undefined,
			signal: AbortSignal.timeout(30000),
		});
		const answer = await response.text();
		assert(
			response.ok,
			`${method} /rest${path} answered ${response.status}: ${answer.slice(0, 300)}`,
		);
		return JSON.parse(answer).data;
	};
}

/** The executions of the test workflow that n8n lists (newest first). */
async function executionsOfWorkflow(rest) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId: WORKFLOW_ID }));
	const { results } = await rest('GET', `/executions?filter=${filter}&limit=10`);
	return results;
}

async function stopCase(runtime, { keep }) {
	const major = Number(runtime.version.split('.')[0]);
	const userFolder = await mkdtemp(join(tmpdir(), `n8n-e2e-stop-${runtime.version}-`));
	const fake = await startFakeHex({ seed: 19, users: 5, projects: 8, dataConnections: 2 });
	let n8n;
	try {
		const project = publishedProjects(fake)[0];
		assert(project, 'the seed has no published project');
		// PENDING, then RUNNING for a million polls: the run only ends when it is cancelled.
		fake.state.setRunOutcome(project.id, { status: 'COMPLETED', pollsBeforeTerminal: 1_000_000 });

		const cli = async (args) => {
			const result = await n8nCli(runtime.version, args, { userFolder });
			assert(
				!`${result.stdout}${result.stderr}`.includes(fake.token),
				`n8n ${args[0]} printed the API token`,
			);
			return result;
		};
		await importIntoN8n(cli, userFolder, 'credentials', [hexCredential(CREDENTIAL, fake)]);
		await importIntoN8n(cli, userFolder, 'workflow', [stopWorkflow(project.id)]);
		// n8n 2.x activates by publishing; 1.x deactivates what it imports, update:workflow activates.
		const activate =
			major >= 2
				? ['publish:workflow', `--id=${WORKFLOW_ID}`]
				: ['update:workflow', `--id=${WORKFLOW_ID}`, '--active=true'];
		const activated = await cli(activate);
		assert(
			activated.code === 0,
			`n8n ${activate[0]} failed:\n${tail(activated.stdout + activated.stderr)}`,
		);

		n8n = await startN8n({ version: runtime.version, userFolder, port: await freePort() });
		const rest = await ownerSession(n8n.url);

		// The production webhook answers 404 until the workflow's activation has registered it; a
		// 404 starts nothing, so the first other answer is the one execution of this test.
		let lastAnswer = '';
		const called = await waitUntil(
			async () => {
				const response = await fetch(`${n8n.url}/webhook/${WEBHOOK_PATH}`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: '{}',
					signal: AbortSignal.timeout(30000),
				});
				lastAnswer = `${response.status} ${(await response.text()).slice(0, 200)}`;
				return response.status === 404 ? undefined : response;
			},
			120000,
			'the production webhook was not registered',
			() => `last answer: ${lastAnswer}`,
		);
		assert(called.ok, `the webhook answered ${lastAnswer}`);

		const polls = () => fake.requests.filter((r) => r.operationId === 'GetRunStatus');
		await waitUntil(
			() => polls().length >= 1,
			60000,
			'the fake Hex got no status poll of the run',
			() =>
				`requests: ${fake.requests.map((r) => r.operationId ?? `${r.method} ${r.path}`).join(', ') || 'none'}`,
		);
		const starts = fake.requests.filter((r) => r.operationId === 'RunProject');
		assert(starts.length === 1, `${starts.length} RunProject requests, expected 1`);
		const [run, ...others] = fake.state.runs.get(project.id) ?? [];
		assert(
			run &&
				fake.state.runProgress.has(run.runId) &&
				!others.some((r) => fake.state.runProgress.has(r.runId)),
			'the fake Hex holds no run started by this test',
		);
		const runPath = `/api/v1/projects/${project.id}/runs/${run.runId}`;
		assert(
			polls().every((r) => r.path === runPath),
			`status polls went to ${[...new Set(polls().map((r) => r.path))].join(', ')}, expected ${runPath}`,
		);
		assert(run.status === 'PENDING' || run.status === 'RUNNING', `the run is ${run.status}`);

		const listed = await executionsOfWorkflow(rest);
		assert(
			listed.length === 1 && listed[0].status === 'running',
			`n8n lists ${listed.length} executions of the workflow (${listed.map((e) => `${e.id}: ${e.status}`).join(', ')}), expected 1 running`,
		);
		const executionId = String(listed[0].id);

		const pollsBeforeStop = polls().length;
		const requestsBeforeStop = fake.requests.length;
		assert(
			!fake.requests.some((r) => r.operationId === 'CancelRun'),
			'the fake Hex got a cancellation before the execution was stopped',
		);
		const stopAt = Date.now();
		const stopped = await rest('POST', `/executions/${executionId}/stop`);

		const cancel = await waitUntil(
			() => fake.requests.find((r) => r.operationId === 'CancelRun'),
			30000,
			`the fake Hex got no DELETE of run ${run.runId} after execution ${executionId} was stopped (the stop answered ${JSON.stringify(stopped)})`,
			() =>
				`requests since the stop: ${
					fake.requests
						.slice(requestsBeforeStop)
						.map((r) => `${r.method} ${r.path}`)
						.join(', ') || 'none'
				}`,
		);
		const cancelSeconds = ((Date.now() - stopAt) / 1000).toFixed(1);
		assert(
			cancel.method === 'DELETE' && cancel.path === runPath,
			`the cancellation was ${cancel.method} ${cancel.path}, expected DELETE ${runPath}`,
		);
		assert(fake.requests.indexOf(cancel) >= requestsBeforeStop, 'the DELETE came before the stop');
		const cancels = fake.requests.filter((r) => r.operationId === 'CancelRun').length;
		assert(cancels === 1, `${cancels} cancellations, expected 1`);
		const stored = fake.state.findRun(project.id, run.runId);
		assert(
			stored?.status === 'KILLED',
			`the run is ${stored?.status} in the fake, expected KILLED`,
		);

		let seen;
		const execution = await waitUntil(
			async () => {
				seen = await rest('GET', `/executions/${executionId}`);
				return seen.status === 'canceled' && seen.stoppedAt ? seen : undefined;
			},
			30000,
			`n8n did not record execution ${executionId} as canceled`,
			() => `status ${seen?.status}, finished ${seen?.finished}, stoppedAt ${seen?.stoppedAt}`,
		);
		assert(!execution.finished, 'n8n records the stopped execution as finished');
		// The node sends the DELETE once its wait has ended: no status poll may follow it.
		const pollsAfterCancel = fake.requests
			.slice(fake.requests.indexOf(cancel))
			.filter((r) => r.operationId === 'GetRunStatus').length;
		assert(pollsAfterCancel === 0, `${pollsAfterCancel} status polls after the DELETE`);
		const after = await executionsOfWorkflow(rest);
		assert(
			after.length === 1,
			`n8n lists ${after.length} executions of the workflow after the stop, expected 1`,
		);
		assert(
			fake.internalErrors.length === 0,
			`the fake Hex server broke its own spec: ${fake.internalErrors[0]}`,
		);
		return `execution ${executionId} stopped through n8n's REST API after ${pollsBeforeStop} status poll(s), the fake Hex received DELETE of run ${run.runId} ${cancelSeconds} s later; run KILLED, execution ${execution.status}`;
	} catch (error) {
		if (n8n && error instanceof Check) {
			throw new Check(`${error.message}\nn8n's log (last lines):\n${tail(n8n.logs(), 30)}`);
		}
		throw error;
	} finally {
		await n8n?.stop();
		await fake.close();
		if (!keep) await rm(userFolder, { recursive: true, force: true });
		else console.log(`kept n8n user folder ${userFolder}`);
	}
}

async function main() {
	const args = process.argv.slice(2);
	const keep = args.includes('--keep');
	const runtimes = runtimesFromArgs(args, N8N_RUNTIMES);
	requireBuild(REPO_ROOT, 'test:stop');
	for (const runtime of runtimes) ensureN8n(runtime.version).catch(() => {});
	await runEveryRuntime(
		runtimes,
		async (runtime) => {
			await ensureN8n(runtime.version);
			return runCases(
				runtime.version,
				[runtime],
				() => 'stop',
				(r) => stopCase(r, { keep }),
			);
		},
		{ script: 'e2e stop', count: runtimes.length, noun: 'runtime' },
	);
}

main().catch((error) => {
	console.error(`e2e stop failed: ${error.stack ?? error}`);
	process.exit(1);
});
