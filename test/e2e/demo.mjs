// `npm run demo`: the Hex node in a local n8n without a Hex account. Prepares the clone like
// `npm start`, then starts the fake Hex server of the tests (test/fake-hex, on 127.0.0.1) seeded
// with a workspace (users, published projects with run histories, data connections), an SMTP sink
// that prints the mails it gets, imports a Hex API credential pointing at the fake server, an SMTP
// credential pointing at the sink and five example workflows (their project ids filled in: one
// project's runs complete, another's fail), and runs n8n on http://127.0.0.1:5678 with its data in
// .n8n-demo/ (gitignored). Ctrl+C stops everything.
// `npm run demo -- --check`: the same in a temporary n8n folder, non-interactively: executes the
// "run a project, wait, email the link" example against the fake Hex, checks the run completed,
// Hex got the run's inputs and the mail holds the run URL, then starts n8n, checks the editor
// page answers, stops everything and prints `demo PASS …` (exit 0) or
// `demo FAIL …` (exit 1). Environment: N8N_HEX_RUNTIME=1 for n8n 1.x, N8N_PORT for another port.
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { prepare } from '../prepare.mjs';
import { exampleWorkflow, localCredentials, outputOf } from './examples.mjs';
import { parseExecution, tail } from './execution.mjs';
import { publishedProjects, startFakeHex } from './fake-hex.mjs';
import { N8N_RUNTIMES, REPO_ROOT, ensureN8n, freePort, n8nCli, startN8n } from './runtime.mjs';
import { messageText, startSmtpSink } from './smtp-sink.mjs';

const HEX_CREDENTIAL = { id: 'demoHexCredential1', name: 'Hex API (demo: fake Hex)' };
const SMTP_CREDENTIAL = { id: 'demoSmtpCredential', name: 'SMTP (demo: local sink)' };
const DAY_MS = 86_400_000;

/** The examples the demo imports; `project` picks which seeded project a placeholder gets. */
const DEMO_WORKFLOWS = [
	{ file: 'run-project-then-email.json', id: 'demoRunThenEmail0', project: 'completes' },
	{ file: 'failed-run-error-path.json', id: 'demoFailedRunPath0', project: 'fails' },
	{ file: 'offboard-inactive-users.json', id: 'demoOffboarding00' },
	{ file: 'audit-data-connections-and-projects.json', id: 'demoAudit00000000' },
	{ file: 'alert-on-failed-run-email.json', id: 'demoFailedRunAlert', project: 'fails' },
];

function fail(message) {
	throw new Error(message);
}

async function seededWorkspace() {
	const fake = await startFakeHex({
		seed: 15,
		users: 24,
		projects: 18,
		dataConnections: 6,
		runsPerProject: 8,
	});
	const now = Date.now();
	// Generated logins lie in the past; a third of the users logged in recently, so the
	// offboarding example keeps some and deactivates others.
	fake.state.users.forEach((user, i) => {
		if (i % 3 === 1) user.lastLoginDate = new Date(now - (i + 1) * DAY_MS).toISOString();
	});
	const published = publishedProjects(fake);
	if (published.length < 2) fail('the demo seed has fewer than 2 published projects');
	const projects = { completes: published[0], fails: published[1] };
	fake.state.setRunOutcome(projects.completes.id, { status: 'COMPLETED', pollsBeforeTerminal: 2 });
	fake.state.setRunOutcome(projects.fails.id, { status: 'ERRORED', pollsBeforeTerminal: 1 });
	return { fake, projects };
}

async function importDemo(version, userFolder, { fake, projects, smtp }) {
	const cli = async (args) => {
		const result = await n8nCli(version, args, { userFolder });
		if (result.code !== 0) fail(`n8n ${args[0]} failed:\n${tail(result.stdout + result.stderr)}`);
		return result;
	};
	await mkdir(userFolder, { recursive: true });
	const credentials = join(userFolder, 'demo-credentials.json');
	await writeFile(
		credentials,
		JSON.stringify(localCredentials({ hex: HEX_CREDENTIAL, mail: SMTP_CREDENTIAL, fake, smtp })),
	);
	await chmod(credentials, 0o600);
	try {
		await cli(['import:credentials', `--input=${credentials}`]);
	} finally {
		await rm(credentials, { force: true });
	}
	const workflows = [];
	for (const demo of DEMO_WORKFLOWS) {
		const workflow = await exampleWorkflow(demo.file, {
			id: demo.id,
			replace: {
				REPLACE_WITH_YOUR_CREDENTIAL_ID: HEX_CREDENTIAL.id,
				REPLACE_WITH_YOUR_SMTP_CREDENTIAL_ID: SMTP_CREDENTIAL.id,
				...(demo.project ? { REPLACE_WITH_YOUR_PROJECT_ID: projects[demo.project].id } : {}),
			},
			credentials: { hexApi: HEX_CREDENTIAL, smtp: SMTP_CREDENTIAL },
			pollInterval: 2,
		});
		workflow.name = `Demo: ${workflow.name.replace(/^Hex: /, '')}`;
		workflows.push(workflow);
	}
	const file = join(userFolder, 'demo-workflows.json');
	await writeFile(file, JSON.stringify(workflows));
	await cli(['import:workflow', `--input=${file}`]);
	await rm(file, { force: true });
	return workflows;
}

/** Executes the run → email example with the n8n CLI and checks what Hex and the sink got. */
async function checkRunThenEmail(version, userFolder, { fake, projects, smtp }) {
	fake.reset();
	const result = await n8nCli(version, ['execute', `--id=${DEMO_WORKFLOWS[0].id}`, '--rawOutput'], {
		userFolder,
		env: { N8N_LOG_LEVEL: 'info' },
	});
	const execution = parseExecution(result.stdout);
	if (!execution)
		fail(
			`n8n execute printed no execution (exit ${result.code}):\n${tail(result.stdout + result.stderr)}`,
		);
	if (execution.status !== 'success') {
		const error = execution.data?.resultData?.error;
		fail(`the execution ended ${execution.status}: ${error?.message ?? tail(result.stderr)}`);
	}
	const [run] = outputOf(execution, 'Run Hex Project and Wait') ?? [];
	if (run?.status !== 'COMPLETED') fail(`the run ended ${run?.status}, expected COMPLETED`);
	const stored = fake.state.findRun(projects.completes.id, run.runId);
	if (stored?.status !== 'COMPLETED')
		fail('the fake workspace holds no completed run with that id');
	const start = fake.requests.find((r) => r.operationId === 'RunProject');
	if (start?.body?.inputParams?.region !== 'EMEA') {
		fail(`Hex got the inputs ${JSON.stringify(start?.body?.inputParams)}, expected region EMEA`);
	}
	const polls = fake.requests.filter((r) => r.operationId === 'GetRunStatus').length;
	const mail = smtp.messages.at(-1);
	if (!mail || !messageText(mail.raw).includes(run.runUrl)) {
		fail('the demo mail sink got no mail with the run URL');
	}
	if (fake.internalErrors.length) fail(`the fake Hex broke its spec: ${fake.internalErrors[0]}`);
	return `run ${run.runId} COMPLETED after ${polls} status polls, mail to ${mail.to.join(', ')} with the run URL`;
}

async function main() {
	const check = process.argv.includes('--check');
	const wanted = process.env.N8N_HEX_RUNTIME ?? '2';
	const runtime =
		N8N_RUNTIMES.find((r) => r.version === wanted || r.version.startsWith(`${wanted}.`)) ??
		fail(`N8N_HEX_RUNTIME=${wanted} matches none of ${N8N_RUNTIMES.map((r) => r.version)}`);
	const started = Date.now();
	await prepare();
	await ensureN8n(runtime.version);
	const userFolder = check
		? await mkdtemp(join(tmpdir(), 'n8n-hex-demo-'))
		: join(REPO_ROOT, '.n8n-demo');
	let printMail;
	const smtp = await startSmtpSink({ onMessage: (message) => printMail?.(message) });
	const { fake, projects } = await seededWorkspace();
	let n8n;
	const stopAll = async () => {
		await n8n?.stop();
		await fake.close();
		await smtp.close();
		if (check) await rm(userFolder, { recursive: true, force: true });
	};
	try {
		await importDemo(runtime.version, userFolder, { fake, projects, smtp });
		let summary;
		if (check)
			summary = await checkRunThenEmail(runtime.version, userFolder, { fake, projects, smtp });
		const port = check ? await freePort() : Number(process.env.N8N_PORT ?? 5678);
		n8n = await startN8n({
			version: runtime.version,
			userFolder,
			port,
			echo: !check,
			timeoutMs: 300000,
		});
		if (check) {
			// The node list needs a login; the page itself is public.
			const page = await fetch(`${n8n.url}/`);
			const html = page.ok ? await page.text() : '';
			if (!/<html/i.test(html)) fail(`the editor page ${n8n.url}/ answered ${page.status}`);
			await stopAll();
			console.log(
				`demo PASS n8n ${runtime.version}: ${summary}; editor page answered on ${n8n.url} (${Math.round((Date.now() - started) / 1000)} s)`,
			);
			return;
		}
	} catch (error) {
		await stopAll();
		throw error;
	}
	printMail = (mail) => {
		const text = messageText(mail.raw);
		const subject = text.match(/^Subject: (.*)$/m)?.[1] ?? '';
		const body = text.slice(text.search(/\r?\n\r?\n/)).trim();
		console.log(`\n[demo mail sink] to ${mail.to.join(', ')}: ${subject}\n${body}\n`);
	};
	console.log(`
Demo ready: open ${n8n.url} (the first visit asks you to create a local owner account).
Workflows named "Demo: …" are imported; open one and click Execute workflow. Simulated: Hex (a
fake server on ${fake.baseUrl} with ${fake.state.users.length} users and ${fake.state.projects.length} projects; runs of
"${projects.completes.title}" complete, runs of "${projects.fails.title}" fail) and mail (printed here).
Real: n8n ${runtime.version} and the Hex node from dist/. Ctrl+C stops everything.
`);
	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		console.log('Stopping the demo');
		await stopAll();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	const code = await n8n.exited;
	if (!stopping) {
		await stopAll();
		console.error(`n8n exited (${code})`);
		process.exit(1);
	}
}

main().catch((error) => {
	console.log(`demo FAIL: ${error.message ?? error}`);
	process.exit(1);
});
