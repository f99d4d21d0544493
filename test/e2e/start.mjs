// `npm start`: try the Hex node in a local n8n. Prepares the clone (test/prepare.mjs: Node 24,
// development dependencies, dist/), installs the pinned n8n runtime of the end-to-end tests when
// missing (into ${N8N_NODES_HEX_CACHE:-~/.cache/n8n-nodes-hex}), then runs n8n on
// http://127.0.0.1:5678 with embedded SQLite, its data in .n8n-dev/ (gitignored) and the Hex
// node loaded from dist/.
// Environment: N8N_HEX_RUNTIME=1 for the n8n 1.x runtime (default: 2.x), N8N_PORT for another port.
import { join } from 'node:path';

import { prepare } from '../prepare.mjs';
import { N8N_RUNTIMES, REPO_ROOT, ensureN8n, startN8n } from './runtime.mjs';

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
	await prepare();
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
