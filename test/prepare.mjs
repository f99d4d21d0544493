// What `npm test`, `npm start` and `npm run demo` need before they run, from a fresh clone on any
// Node: prepare() returns a Node >= 22 binary (this one, else Node 24 installed into the cache by
// ensureNode24()), installs the development dependencies when node_modules is missing or older
// than package-lock.json (`npm install --ignore-scripts`: isolated-vm, which only n8n's optional
// `vm` expression engine loads, would try to compile), and builds dist/ when it is missing or
// older than the sources. Plain .mjs with node: modules only, so Node 20 runs it before anything
// is installed.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { delimiter, dirname, join } from 'node:path';

import { REPO_ROOT, ensureNode24 } from './e2e/runtime.mjs';

function newestMtime(path) {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = 0;
	for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
	return newest;
}

function installNeeded() {
	const installed = join(REPO_ROOT, 'node_modules', '.package-lock.json');
	if (!existsSync(installed) || !existsSync(join(REPO_ROOT, 'node_modules', 'typescript'))) {
		return 'node_modules is missing';
	}
	return newestMtime(join(REPO_ROOT, 'package-lock.json')) > newestMtime(installed)
		? 'package-lock.json is newer than node_modules'
		: undefined;
}

// Written after each build: a build that emits nothing new leaves dist/ untouched.
const BUILD_STAMP = join(REPO_ROOT, 'test', '.tmp', 'last-build');

function buildNeeded() {
	const outputs = [
		'dist/nodes/Hex/Hex.node.js',
		'dist/nodes/HexTrigger/HexTrigger.node.js',
		'dist/credentials/HexApi.credentials.js',
	].map((file) => join(REPO_ROOT, file));
	if (outputs.some((file) => !existsSync(file))) return 'dist/ is missing';
	// tsc (incremental) rewrites only the outputs that changed, so the newest file in dist/ is the
	// time of the last build.
	const built = Math.max(newestMtime(join(REPO_ROOT, 'dist')), newestMtime(BUILD_STAMP));
	const sources = Math.max(
		...['nodes', 'credentials', 'icons', 'package.json', 'tsconfig.json'].map((p) =>
			newestMtime(join(REPO_ROOT, p)),
		),
	);
	return sources > built ? 'dist/ is older than the sources' : undefined;
}

/** Runs a command in the repository with Node `nodeBin` first on PATH; rejects on failure. */
export function exec(nodeBin, command, args) {
	const env = { ...process.env, PATH: `${dirname(nodeBin)}${delimiter}${process.env.PATH ?? ''}` };
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { cwd: REPO_ROOT, env, stdio: 'inherit' });
		child.on('error', reject);
		child.on('close', (code, signal) =>
			code === 0
				? resolve()
				: reject(new Error(`${command} ${args.join(' ')} exited ${code ?? signal}`)),
		);
	});
}

export async function prepare({ build = true } = {}) {
	const major = Number(process.versions.node.split('.')[0]);
	const nodeBin = major >= 22 ? process.execPath : await ensureNode24();
	const install = installNeeded();
	if (install) {
		console.log(`Installing the development dependencies (${install})`);
		await exec(nodeBin, 'npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund']);
	}
	const stale = build && buildNeeded();
	if (stale) {
		console.log(`Building the package (${stale})`);
		await exec(nodeBin, 'npm', ['run', 'build']);
		await mkdir(dirname(BUILD_STAMP), { recursive: true });
		await writeFile(BUILD_STAMP, `${new Date().toISOString()}\n`);
	}
	return nodeBin;
}
