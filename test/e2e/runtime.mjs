// Real n8n runtimes for the end-to-end tests, `npm start` and the editor check. N8N_RUNTIMES
// lists the pinned versions (the latest n8n 1.x and 2.x that install from the registry here).
// ensureNode24() returns a Node >= 24 binary (this process's, or the one .ci/run provisions in the
// cache dir, installed from the registry when missing). ensureN8n(version) installs n8n@version
// into ${N8N_NODES_HEX_CACHE:-~/.cache/n8n-nodes-hex}/n8n-<version>/ (own package.json with the
// registry overrides n8n needs here, lockfile kept there; npm_config_nodedir pointed at Node 24's
// own C headers so native modules build offline; a marker written after a complete install, and
// a half install resumed rather than redone) and returns { n8nBin, nodeBin, dir }.
// startN8n({ version, userFolder, port, env, echo, timeoutMs }) runs `n8n start` on
// 127.0.0.1:<port> with the built package loaded from <repo>/dist (N8N_CUSTOM_EXTENSIONS; node
// types CUSTOM.hex and CUSTOM.hexTrigger), waits until /healthz/readiness and /rest/settings
// answer, and returns { url, logFile, logs(), stop(), exited, pid } (logs(): all the process
// printed so far, kept in memory as it arrives; logFile gets the same); with command ['worker', ...]
// it runs a queue-mode worker instead, its health server on 127.0.0.1:<port>, ready once
// /healthz/readiness answers (database migrated, Redis connected). n8nCli(version, args,
// { userFolder, env }) runs
// one CLI command (import:credentials, import:workflow, execute) and resolves to
// { code, stdout, stderr }. n8n is kept local: telemetry, templates, version checks and 2.x's MCP
// registry are off. Plain .mjs on purpose: not linted, no build step.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, realpathSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const N8N_RUNTIMES = [
	{ label: 'n8n 1.x', version: '1.123.81' },
	{ label: 'n8n 2.x', version: '2.41.1' },
];

export const NODE24_VERSION = '24.21.0';

export function cacheDir() {
	return process.env.N8N_NODES_HEX_CACHE || join(homedir(), '.cache', 'n8n-nodes-hex');
}

function log(message) {
	process.stderr.write(`[n8n-runtime] ${message}\n`);
}

/** Registry overrides each n8n line needs here (see N8N-CONVENTIONS.md §8). */
function installSpec(version) {
	const major = Number(version.split('.')[0]);
	const overrides = { xlsx: '0.18.5' };
	if (major >= 2) overrides.linkedom = '0.18.12';
	return {
		packageJson: {
			name: `n8n-runtime-${version.replace(/\./g, '-')}`,
			private: true,
			description: 'n8n installed for n8n-nodes-hex end-to-end tests (generated)',
			dependencies: { n8n: version },
			overrides,
		},
		// 2.x: a Kafka client's install script downloads a prebuilt binary from a host we cannot
		// reach, so scripts are skipped and only sqlite3 is rebuilt.
		ignoreScripts: major >= 2,
		rebuild: major >= 2 ? ['sqlite3'] : [],
	};
}

function run(command, args, options = {}) {
	return new Promise((resolvePromise, reject) => {
		const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => {
			stdout += chunk;
			if (options.echo) process.stderr.write(chunk);
		});
		child.stderr.on('data', (chunk) => {
			stderr += chunk;
			if (options.echo) process.stderr.write(chunk);
		});
		child.on('error', reject);
		child.on('close', (code, signal) =>
			resolvePromise({ code: code ?? (signal ? 1 : 0), stdout, stderr }),
		);
	});
}

function envWithNode(nodeBin, extra = {}) {
	return {
		...process.env,
		PATH: `${dirname(nodeBin)}${delimiter}${process.env.PATH ?? ''}`,
		...extra,
	};
}

let node24;

export function ensureNode24() {
	node24 ??= findOrInstallNode24();
	return node24;
}

async function findOrInstallNode24() {
	if (Number(process.versions.node.split('.')[0]) >= 24) return process.execPath;
	const folder = join(cacheDir(), `node-${NODE24_VERSION}`);
	const nodeBin = join(folder, 'node_modules', 'node', 'bin', 'node');
	if (existsSync(nodeBin)) return nodeBin;
	log(
		`Node ${process.versions.node} is too old for n8n; installing Node ${NODE24_VERSION} into ${folder}`,
	);
	await rm(folder, { recursive: true, force: true });
	await mkdir(folder, { recursive: true });
	await writeFile(join(folder, 'package.json'), '{"name":"node-toolchain","private":true}\n');
	const result = await run(
		'npm',
		['install', '--no-save', '--no-audit', '--no-fund', `node@${NODE24_VERSION}`],
		{
			cwd: folder,
		},
	);
	if (result.code !== 0 || !existsSync(nodeBin)) {
		throw new Error(`Installing Node ${NODE24_VERSION} failed:\n${result.stderr.slice(-3000)}`);
	}
	return nodeBin;
}

export function n8nDir(version) {
	return join(cacheDir(), `n8n-${version}`);
}

const installsInProgress = new Map();

export function ensureN8n(version) {
	if (!installsInProgress.has(version)) installsInProgress.set(version, installN8n(version));
	return installsInProgress.get(version);
}

/**
 * Node's C headers for node-gyp (sqlite3 has no prebuilt binary it can fetch here): without
 * them node-gyp downloads headers from the internet, which a fresh offline machine cannot do.
 * Looks beside the Node binary (<prefix>/include/node, as in official tarballs and distro
 * packages) and in the npm `node` package's platform package (what ensureNode24() installs).
 * An npm_config_nodedir already in the environment wins. Returns undefined when none is found.
 */
export function nodeHeadersDir(nodeBin) {
	if (process.env.npm_config_nodedir) return process.env.npm_config_nodedir;
	const hasHeaders = (dir) => existsSync(join(dir, 'include', 'node', 'node_version.h'));
	const candidates = [];
	for (const bin of new Set([nodeBin, realpathSync(nodeBin)])) {
		const prefix = dirname(dirname(bin));
		candidates.push(
			prefix,
			join(prefix, 'node_modules', `node-${process.platform}-${process.arch}`),
		);
	}
	return candidates.find(hasHeaders);
}

/** npm's environment for installing into an n8n runtime folder: Node 24 first, its headers. */
function installEnv(nodeBin) {
	const nodedir = nodeHeadersDir(nodeBin);
	if (!nodedir) {
		log(
			`no C headers found for ${nodeBin}; node-gyp will try to download them (set npm_config_nodedir to a folder with include/node if that fails)`,
		);
	}
	return envWithNode(nodeBin, nodedir ? { npm_config_nodedir: nodedir } : {});
}

async function installN8n(version) {
	const nodeBin = await ensureNode24();
	const dir = n8nDir(version);
	const n8nBin = join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	const marker = join(dir, '.installed.json');
	const packageJsonFile = join(dir, 'package.json');
	const spec = installSpec(version);
	const wanted = JSON.stringify(spec);
	const packageJson = `${JSON.stringify(spec.packageJson, null, '\t')}\n`;
	let rebuild = spec.rebuild;
	if (existsSync(marker) && existsSync(n8nBin)) {
		const done = JSON.parse(await readFile(marker, 'utf8'));
		if (JSON.stringify(done.spec) === wanted) return { n8nBin, nodeBin, dir };
		log(`n8n ${version} in ${dir} was installed with other settings; reinstalling`);
		await rm(join(dir, 'node_modules'), { recursive: true, force: true });
	} else if (existsSync(packageJsonFile) && readFileSync(packageJsonFile, 'utf8') === packageJson) {
		// A half-done install (interrupted, or a failed build of sqlite3) is resumed: npm install
		// only fetches what is missing, so the gigabytes already there are kept; sqlite3, whose
		// build may be what failed, is built again.
		log(`n8n ${version} in ${dir} is not completely installed; resuming the install`);
		rebuild = [...new Set([...rebuild, 'sqlite3'])];
	} else if (existsSync(join(dir, 'node_modules'))) {
		log(`n8n ${version} in ${dir} was set up with another package.json; reinstalling`);
		await rm(join(dir, 'node_modules'), { recursive: true, force: true });
	}
	await rm(marker, { force: true });
	await mkdir(dir, { recursive: true });
	await writeFile(packageJsonFile, packageJson);
	const env = installEnv(nodeBin);
	const started = Date.now();
	const installLog = join(dir, 'install.log');
	log(`installing n8n ${version} into ${dir} (a few minutes; npm output in ${installLog})`);
	const args = ['install', '--no-audit', '--no-fund', '--loglevel=error'];
	if (spec.ignoreScripts) args.push('--ignore-scripts');
	const install = await run('npm', args, { cwd: dir, env });
	await writeFile(installLog, `${install.stdout}\n${install.stderr}`);
	if (install.code !== 0) {
		throw new Error(
			`npm install of n8n ${version} failed (exit ${install.code}; the next run resumes it):\n${install.stderr.slice(-4000)}`,
		);
	}
	for (const name of rebuild) {
		log(`n8n ${version}: npm rebuild ${name}`);
		const rebuilt = await run('npm', ['rebuild', name, '--loglevel=error'], { cwd: dir, env });
		if (rebuilt.code !== 0) {
			throw new Error(
				`npm rebuild ${name} for n8n ${version} failed (the next run resumes it):\n${rebuilt.stderr.slice(-4000)}`,
			);
		}
	}
	if (!existsSync(n8nBin)) throw new Error(`n8n ${version} installed but ${n8nBin} is missing`);
	const seconds = Math.round((Date.now() - started) / 1000);
	await writeFile(
		marker,
		`${JSON.stringify({ spec, installedAt: new Date().toISOString(), seconds })}\n`,
	);
	log(`installed n8n ${version} in ${seconds} s`);
	return { n8nBin, nodeBin, dir };
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freePort() {
	return new Promise((resolvePromise, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolvePromise(port));
		});
	});
}

/**
 * Environment for every n8n process: local only, quiet, the built package loaded. n8n 2.x always
 * starts its task-runner broker (default port 5679, also for `n8n execute`): each process gets a
 * free port of its own so several n8n processes can run side by side. Its MCP registry module
 * fetches a server list from the internet at start; it is disabled.
 */
/**
 * The zone every n8n started here runs in ($now, $today, schedules). Far from UTC on purpose: a
 * check that takes "today" in the wrong zone fails on most hours of the day, not only near midnight.
 */
export const N8N_TIMEZONE = 'Pacific/Kiritimati';

/** The calendar date (YYYY-MM-DD) that `$now.toISODate()` gives in n8n at the moment `at`. */
export function n8nDate(at = new Date()) {
	return new Intl.DateTimeFormat('en-CA', { timeZone: N8N_TIMEZONE }).format(at);
}

export async function n8nEnv({ version, userFolder, env = {} }) {
	const major = Number(String(version).split('.')[0]);
	return {
		...(major >= 2
			? { N8N_DISABLED_MODULES: 'mcp-registry', N8N_RUNNERS_BROKER_PORT: String(await freePort()) }
			: {}),
		N8N_USER_FOLDER: userFolder,
		N8N_CUSTOM_EXTENSIONS: join(REPO_ROOT, 'dist'),
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_RUNNERS_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_SECURE_COOKIE: 'false',
		DB_TYPE: 'sqlite',
		GENERIC_TIMEZONE: N8N_TIMEZONE,
		N8N_LOG_LEVEL: 'info',
		...env,
	};
}

export async function n8nCli(version, args, { userFolder, env = {} } = {}) {
	const { n8nBin, nodeBin } = await ensureN8n(version);
	await mkdir(userFolder, { recursive: true });
	return run(nodeBin, [n8nBin, ...args], {
		cwd: userFolder,
		env: envWithNode(
			nodeBin,
			await n8nEnv({ version, userFolder, env: { N8N_LOG_LEVEL: 'warn', ...env } }),
		),
	});
}

async function answers(url) {
	try {
		const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
		return response.ok;
	} catch {
		return false;
	}
}

export async function startN8n({
	version,
	userFolder,
	port = 5678,
	env = {},
	timeoutMs = 180000,
	echo = false,
	command = ['start'],
}) {
	const { n8nBin, nodeBin } = await ensureN8n(version);
	await mkdir(userFolder, { recursive: true });
	const worker = command[0] === 'worker';
	const url = `http://127.0.0.1:${port}`;
	if (await answers(`${url}/healthz`)) throw new Error(`Something already answers on ${url}`);
	const logFile = join(userFolder, `n8n-${worker ? 'worker-' : ''}${port}.log`);
	const out = createWriteStream(logFile);
	const listen = worker
		? {
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(port),
				N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			}
		: {
				N8N_PORT: String(port),
				N8N_LISTEN_ADDRESS: '127.0.0.1',
				N8N_HOST: '127.0.0.1',
				N8N_PROTOCOL: 'http',
				N8N_EDITOR_BASE_URL: `${url}/`,
				WEBHOOK_URL: `${url}/`,
			};
	const child = spawn(nodeBin, [n8nBin, ...command], {
		cwd: userFolder,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
		env: envWithNode(nodeBin, await n8nEnv({ version, userFolder, env: { ...listen, ...env } })),
	});
	// What the process printed, kept as it arrives: the log file behind `out` is written
	// asynchronously and may not hold the latest lines yet when it is read.
	let output = '';
	for (const stream of [child.stdout, child.stderr]) {
		stream.setEncoding('utf8');
		stream.on('data', (chunk) => {
			output += chunk;
			out.write(chunk);
			if (echo) process.stdout.write(chunk);
		});
	}
	let exited = false;
	let exitCode;
	const exitedPromise = new Promise((resolvePromise) =>
		child.on('exit', (code, signal) => {
			exited = true;
			exitCode = code ?? signal;
			resolvePromise();
		}),
	);
	const logs = () => output;
	const stop = async () => {
		if (exited) return;
		try {
			process.kill(-child.pid, 'SIGTERM');
		} catch {
			return;
		}
		const timer = setTimeout(() => {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {}
		}, 20000);
		await exitedPromise;
		clearTimeout(timer);
		out.end();
	};
	const deadline = Date.now() + timeoutMs;
	// /healthz answers as soon as the HTTP server listens; /healthz/readiness once the database is
	// migrated (n8n 2.x listens before its migrations); the REST API (public /rest/settings) comes
	// a few seconds later still in n8n 1.x.
	// A worker has no REST API.
	const ready = async () =>
		(await answers(`${url}/healthz/readiness`)) &&
		(worker || (await answers(`${url}/rest/settings`)));
	while (!(await ready())) {
		if (exited) {
			throw new Error(
				`n8n ${version} exited (${exitCode}) before answering on ${url}:\n${logs().slice(-4000)}`,
			);
		}
		if (Date.now() > deadline) {
			await stop();
			throw new Error(
				`n8n ${version} was not ready on ${url} (/healthz/readiness, /rest/settings) within ${timeoutMs / 1000} s:\n${logs().slice(-4000)}`,
			);
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	return { url, logFile, logs, stop, pid: child.pid, exited: exitedPromise.then(() => exitCode) };
}
