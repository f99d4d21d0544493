// `npm start`: try the Hex node in a local n8n. Installs the pinned n8n runtime of the end-to-end
// tests when missing (into ${N8N_NODES_HEX_CACHE:-~/.cache/n8n-nodes-hex}), builds the package
// when dist/ is missing or older than the sources, then runs n8n on http://127.0.0.1:5678 with
// embedded SQLite, its data in .n8n-dev/ (gitignored) and the Hex node loaded from dist/.
// Environment: N8N_HEX_RUNTIME=1 for the n8n 1.x runtime (default: 2.x), N8N_PORT for another port.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

import { N8N_RUNTIMES, REPO_ROOT, ensureN8n, ensureNode24, startN8n } from './runtime.mjs';

function newestMtime(path) {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = 0;
	for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
	return newest;
}

function buildNeeded() {
	const outputs = [
		'dist/nodes/Hex/Hex.node.js',
		'dist/nodes/HexTrigger/HexTrigger.node.js',
		'dist/credentials/HexApi.credentials.js',
	].map((file) => join(REPO_ROOT, file));
	if (outputs.some((file) => !existsSync(file))) return 'dist/ is missing';
	// tsc (incremental) rewrites only the outputs that changed, so the newest file in dist/ is the
	// time of the last build.
	const built = newestMtime(join(REPO_ROOT, 'dist'));
	const sources = Math.max(
		...['nodes', 'credentials', 'icons', 'package.json', 'tsconfig.json'].map((p) =>
			newestMtime(join(REPO_ROOT, p)),
		),
	);
	return sources > built ? 'dist/ is older than the sources' : undefined;
}

async function build(nodeBin) {
	const env = { ...process.env, PATH: `${dirname(nodeBin)}${delimiter}${process.env.PATH ?? ''}` };
	if (!existsSync(join(REPO_ROOT, 'node_modules', 'typescript'))) {
		console.log('Installing the development dependencies (npm install --ignore-scripts)');
		await exec('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund'], env);
	}
	await exec('npm', ['run', 'build'], env);
}

function exec(command, args, env) {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { cwd: REPO_ROOT, env, stdio: 'inherit' });
		child.on('error', reject);
		child.on('close', (code) =>
			code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited ${code}`)),
		);
	});
}

async function main() {
	const wanted = process.env.N8N_HEX_RUNTIME ?? '2';
	const runtime = N8N_RUNTIMES.find(
		(r) => r.version === wanted || r.version.startsWith(`${wanted}.`),
	);
	if (!runtime)
		throw new Error(
			`N8N_HEX_RUNTIME=${wanted} matches none of ${N8N_RUNTIMES.map((r) => r.version).join(', ')}`,
		);
	const port = Number(process.env.N8N_PORT ?? 5678);
	const nodeBin = await ensureNode24();
	const stale = buildNeeded();
	if (stale) {
		console.log(`Building the package (${stale})`);
		await build(nodeBin);
	}
	await ensureN8n(runtime.version);
	const userFolder = join(REPO_ROOT, '.n8n-dev');
	console.log(
		`Starting ${runtime.label} (${runtime.version}) with the Hex node from dist/; data in ${userFolder}`,
	);
	const n8n = await startN8n({
		version: runtime.version,
		userFolder,
		port,
		echo: true,
		timeoutMs: 300000,
	});
	console.log(
		`\nOpen ${n8n.url} in your browser (the Hex node is loaded from dist/; Ctrl+C stops n8n)\n`,
	);
	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		console.log('Stopping n8n');
		await n8n.stop();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	const code = await n8n.exited;
	if (!stopping) {
		console.error(`n8n exited (${code})`);
		process.exit(typeof code === 'number' && code !== 0 ? code : 1);
	}
}

main().catch((error) => {
	console.error(error.message ?? error);
	process.exit(1);
});
