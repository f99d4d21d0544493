// Private Postgres and Redis for the queue-mode test (test/e2e/queue.mjs), never system services:
// each runs as a child process of the test on 127.0.0.1, on a free port, with its files in a temp
// folder that stop() removes.
//   startPostgres() -> { host, port, user, password, database, psql(sql), stop() }
//     Debian's Postgres binaries (/usr/lib/postgresql/<newest>/bin, or PG_BIN, or PATH): initdb a
//     cluster in a temp folder and run `postgres` on it. Postgres refuses to run as root, so as
//     root the cluster belongs to `nobody` (or a system user `n8n-hex-pg`, created when `nobody`
//     is missing). Durability is off (fsync, synchronous_commit): the data is thrown away anyway.
//   startRedis() -> { host, port, cli(...args), stop() }
//     `redis-server` from PATH, installed with apt-get (as root or through `sudo -n`) when
//     missing, without persistence (no RDB, no AOF), its working folder a temp folder. cli() runs
//     one command with `redis-cli --raw` (Debian's redis-tools, which redis-server depends on) and
//     resolves with what it printed.
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, readdirSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { randomBytes } from 'node:crypto';

import { freePort } from './runtime.mjs';

const HOST = '127.0.0.1';

function log(message) {
	process.stderr.write(`[services] ${message}\n`);
}

/** Runs a command to its end; rejects with its output when it fails or outlives timeoutMs. */
function runToEnd(command, args, { timeoutMs = 120000, ...options } = {}) {
	return new Promise((resolvePromise, reject) => {
		const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			if (code === 0) resolvePromise(output);
			else
				reject(
					new Error(
						`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`}):\n${output.slice(-3000)}`,
					),
				);
		});
	});
}

function onPath(name) {
	for (const dir of (process.env.PATH ?? '').split(delimiter)) {
		if (dir && existsSync(join(dir, name))) return join(dir, name);
	}
	return undefined;
}

/**
 * A long-running child: resolves `exited` when it ends; stop() sends `signal`, then SIGKILL
 * after graceMs, and waits for the exit.
 */
function daemon(command, args, options, { signal = 'SIGTERM', graceMs = 15000 } = {}) {
	const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
	let output = '';
	const keep = (chunk) => {
		output = (output + chunk).slice(-20000);
	};
	child.stdout.on('data', keep);
	child.stderr.on('data', keep);
	let done = false;
	const exited = new Promise((resolvePromise) => {
		child.on('error', (error) => {
			keep(String(error));
			done = true;
			resolvePromise();
		});
		child.on('exit', () => {
			done = true;
			resolvePromise();
		});
	});
	return {
		child,
		output: () => output,
		isRunning: () => !done,
		exited,
		async stop() {
			if (done) return;
			child.kill(signal);
			const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
			await exited;
			clearTimeout(timer);
		},
	};
}

/** Polls check() every 250 ms until it is true; fails with describe() after timeoutMs. */
async function waitFor(check, timeoutMs, describe) {
	const deadline = Date.now() + timeoutMs;
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error(describe());
		await new Promise((r) => setTimeout(r, 250));
	}
}

// --- Postgres ---------------------------------------------------------------------------------

function postgresBinDir() {
	if (process.env.PG_BIN) return process.env.PG_BIN;
	const root = '/usr/lib/postgresql';
	if (existsSync(root)) {
		const versions = readdirSync(root)
			.filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
			.sort((a, b) => Number(b) - Number(a));
		if (versions.length) return join(root, versions[0], 'bin');
	}
	const initdb = onPath('initdb');
	if (initdb) return join(initdb, '..');
	throw new Error(
		'Postgres is missing: no /usr/lib/postgresql/<version>/bin/initdb and no initdb on PATH (apt-get install postgresql, or set PG_BIN)',
	);
}

function idOf(user) {
	try {
		const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
		const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
		return { user, uid, gid };
	} catch {
		return undefined;
	}
}

/** As root: the unprivileged user the cluster belongs to; otherwise undefined (run as we are). */
function clusterOwner() {
	if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
	const existing = idOf('nobody') ?? idOf('n8n-hex-pg');
	if (existing) return existing;
	log('no user "nobody"; creating the system user n8n-hex-pg to run Postgres');
	execFileSync('useradd', [
		'--system',
		'--no-create-home',
		'--shell',
		'/usr/sbin/nologin',
		'n8n-hex-pg',
	]);
	return idOf('n8n-hex-pg');
}

export async function startPostgres({ timeoutMs = 60000 } = {}) {
	const bin = postgresBinDir();
	const owner = clusterOwner();
	const root = await mkdtemp(join(tmpdir(), 'n8n-hex-pg-'));
	const data = join(root, 'data');
	const asOwner = owner ? { uid: owner.uid, gid: owner.gid } : {};
	const user = 'n8n';
	const password = randomBytes(12).toString('hex');
	const database = 'n8n';
	let server;
	const stop = async () => {
		await server?.stop();
		await rm(root, { recursive: true, force: true });
	};
	try {
		const passwordFile = join(root, 'password');
		await writeFile(passwordFile, `${password}\n`);
		await chmod(passwordFile, 0o600);
		if (owner) {
			chownSync(root, owner.uid, owner.gid);
			chownSync(passwordFile, owner.uid, owner.gid);
		}
		await runToEnd(
			join(bin, 'initdb'),
			[
				'-D',
				data,
				'-U',
				user,
				`--pwfile=${passwordFile}`,
				'--auth=scram-sha-256',
				'-E',
				'UTF8',
				'--locale=C',
				'--no-sync',
			],
			{ cwd: root, ...asOwner, timeoutMs },
		);
		await rm(passwordFile);
		const port = await freePort();
		server = daemon(
			join(bin, 'postgres'),
			[
				'-D',
				data,
				'-p',
				String(port),
				'-c',
				`listen_addresses=${HOST}`,
				'-c',
				'unix_socket_directories=',
				'-c',
				'fsync=off',
				'-c',
				'synchronous_commit=off',
				'-c',
				'full_page_writes=off',
				'-c',
				'max_connections=200',
			],
			{ cwd: root, ...asOwner },
			// SIGINT: Postgres' fast shutdown (ends sessions, no waiting for clients).
			{ signal: 'SIGINT' },
		);
		const env = { ...process.env, PGPASSWORD: password, PGCONNECT_TIMEOUT: '5' };
		const connection = ['-h', HOST, '-p', String(port), '-U', user];
		await waitFor(
			async () => {
				if (!server.isRunning()) throw new Error(`postgres exited:\n${server.output()}`);
				return runToEnd(join(bin, 'pg_isready'), [...connection, '-d', 'postgres'], {
					env,
					timeoutMs: 10000,
				}).then(
					() => true,
					() => false,
				);
			},
			timeoutMs,
			() => `postgres did not accept connections on ${HOST}:${port}:\n${server.output()}`,
		);
		await runToEnd(join(bin, 'createdb'), [...connection, database], { env });
		const psql = (sql) =>
			runToEnd(
				join(bin, 'psql'),
				[...connection, '-d', database, '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-c', sql],
				{ env, timeoutMs: 30000 },
			);
		return { host: HOST, port, user, password, database, psql, stop, output: server.output };
	} catch (error) {
		await stop();
		throw error;
	}
}

// --- Redis ------------------------------------------------------------------------------------

async function asRoot(args) {
	if (typeof process.getuid === 'function' && process.getuid() === 0) {
		return runToEnd(args[0], args.slice(1), { timeoutMs: 600000 });
	}
	const sudo = await runToEnd('sudo', ['-n', 'true']).then(
		() => true,
		() => false,
	);
	if (!sudo) {
		throw new Error(
			`cannot run "${args.join(' ')}" without root or passwordless sudo: install redis-server yourself`,
		);
	}
	return runToEnd('sudo', ['-n', ...args], { timeoutMs: 600000 });
}

async function redisServerBin() {
	const found = onPath('redis-server') ?? ['/usr/bin/redis-server'].find((p) => existsSync(p));
	if (found) return found;
	log('redis-server is missing; installing it with apt-get (Debian package redis-server)');
	// invoke-rc.d asks /usr/sbin/policy-rc.d whether a package may start its service; exit 101
	// says no, so installing the package does not start a system Redis. Only when none exists.
	const policy = '/usr/sbin/policy-rc.d';
	const addPolicy = !existsSync(policy);
	if (addPolicy) {
		await asRoot([
			'sh',
			'-c',
			`printf '#!/bin/sh\\nexit 101\\n' > ${policy} && chmod 755 ${policy}`,
		]);
	}
	try {
		await asRoot(['apt-get', 'update', '-q']);
		await asRoot([
			'env',
			'DEBIAN_FRONTEND=noninteractive',
			'apt-get',
			'install',
			'-y',
			'-q',
			'--no-install-recommends',
			'redis-server',
		]);
	} finally {
		if (addPolicy) await asRoot(['rm', '-f', policy]);
	}
	const installed = onPath('redis-server') ?? '/usr/bin/redis-server';
	if (!existsSync(installed))
		throw new Error('apt-get installed redis-server but it is not on PATH');
	return installed;
}

/** Sends PING over TCP; true on +PONG. */
function redisPing(port) {
	return new Promise((resolvePromise) => {
		const socket = connect({ host: HOST, port });
		const timer = setTimeout(() => {
			socket.destroy();
			resolvePromise(false);
		}, 2000);
		let reply = '';
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			reply += chunk;
			if (reply.includes('\r\n')) {
				clearTimeout(timer);
				socket.end();
				resolvePromise(reply.startsWith('+PONG'));
			}
		});
		socket.on('error', () => {
			clearTimeout(timer);
			resolvePromise(false);
		});
	});
}

export async function startRedis({ timeoutMs = 30000 } = {}) {
	const bin = await redisServerBin();
	const dir = await mkdtemp(join(tmpdir(), 'n8n-hex-redis-'));
	const port = await freePort();
	const server = daemon(
		bin,
		[
			'--port',
			String(port),
			'--bind',
			HOST,
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
			'--daemonize',
			'no',
			'--logfile',
			'',
		],
		{ cwd: dir },
	);
	const stop = async () => {
		await server.stop();
		await rm(dir, { recursive: true, force: true });
	};
	try {
		await waitFor(
			async () => {
				if (!server.isRunning()) throw new Error(`redis-server exited:\n${server.output()}`);
				return redisPing(port);
			},
			timeoutMs,
			() => `redis-server did not answer PING on ${HOST}:${port}:\n${server.output()}`,
		);
	} catch (error) {
		await stop();
		throw error;
	}
	const redisCli = onPath('redis-cli') ?? join(bin, '..', 'redis-cli');
	const cli = (...args) =>
		runToEnd(redisCli, ['-h', HOST, '-p', String(port), '--raw', ...args], { timeoutMs: 30000 });
	return { host: HOST, port, cli, stop, output: server.output };
}
