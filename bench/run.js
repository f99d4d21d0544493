// `npm run bench [-- --smoke] [-- --trigger]`: runs the bench's Jest files, one Jest process per
// measurement so that each list's peak RSS is that client's own (raw fetch or the node, never both
// in one process), then the Hex Trigger simulation, then the timing and behaviour measurements in
// one process, which merges everything into bench/results.json (a smoke run:
// bench/.out/results.smoke.json) and the table printed below. `--trigger` runs the trigger
// simulation alone and replaces only its figures in those results.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { resultsFile } = require('./system');

const mode = process.argv.includes('--smoke') ? 'smoke' : 'full';
const triggerOnly = process.argv.includes('--trigger');
const config = require('./config.json')[mode];
const root = path.resolve(__dirname, '..');
fs.rmSync(path.join(__dirname, '.out'), { recursive: true, force: true });

// The n8n whose n8n-core the bench runs on: the HTTP Request node (third column) is taken from its
// e2e install, installed from the npm registry when missing (test/e2e/runtime.mjs).
const N8N_VERSION = require('../node_modules/n8n-core/package.json').version;

/**
 * The vm expression engine (n8n 2.x's default) needs isolated-vm's native module. `npm install
 * --ignore-scripts` leaves it unbuilt where no prebuilt binary fits; then it is built here
 * against the running Node's own headers (the npm `node` package ships them), never with
 * headers fetched from elsewhere and whatever ~/.npmrc says.
 */
function ensureIsolatedVm() {
	const load = () =>
		spawnSync(process.execPath, ['-e', "require('isolated-vm')"], { cwd: root, stdio: 'pipe' });
	if (load().status === 0) return;
	const nodedir = path.resolve(fs.realpathSync(process.execPath), '../..');
	if (!fs.existsSync(path.join(nodedir, 'include/node/node.h'))) {
		console.error(
			`bench: isolated-vm does not load and ${nodedir} has no Node headers to build it`,
		);
		process.exit(1);
	}
	console.log(`bench: building isolated-vm against ${nodedir}`);
	const npm = path.join(path.dirname(process.execPath), 'npm');
	const build = spawnSync(fs.existsSync(npm) ? npm : 'npm', ['rebuild', 'isolated-vm'], {
		cwd: root,
		stdio: 'inherit',
		env: { ...process.env, npm_config_nodedir: nodedir },
	});
	if (build.status !== 0 || load().status !== 0) {
		console.error('bench: isolated-vm could not be built; the vm expression engine cannot run');
		process.exit(1);
	}
}

async function ensureNodesBase() {
	const { ensureN8n } = await import('../test/e2e/runtime.mjs');
	const { dir } = await ensureN8n(N8N_VERSION);
	const nodesBase = path.join(dir, 'node_modules/n8n-nodes-base');
	const { version } = require(path.join(nodesBase, 'package.json'));
	if (version !== N8N_VERSION) {
		console.error(`bench: n8n-nodes-base ${version} does not match n8n-core ${N8N_VERSION}`);
		process.exit(1);
	}
	return nodesBase;
}

function jest(file, job) {
	const args = [
		'--experimental-vm-modules',
		'--disable-warning=ExperimentalWarning',
		path.join(root, 'node_modules/jest/bin/jest.js'),
		'-c',
		'bench/jest.bench.config.js',
		'--runInBand',
		'--ci',
		file,
	];
	const env = { ...process.env, BENCH_JOB: JSON.stringify(job), BENCH_N8N_NODES_BASE: nodesBase };
	const result = spawnSync(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
	if (result.status !== 0) {
		console.error(`bench: ${file} failed (${JSON.stringify(job)})`);
		process.exit(result.status ?? 1);
	}
}

let nodesBase = '';

function printTable() {
	process.stdout.write(`\n${fs.readFileSync(path.join(__dirname, '.out/table.txt'), 'utf8')}`);
	console.log(`\nWrote ${path.relative(root, path.join(__dirname, resultsFile(mode)))}`);
}

async function main() {
	if (triggerOnly) {
		jest('bench/trigger.bench.ts', { mode, only: 'trigger' });
		printTable();
		return;
	}
	ensureIsolatedVm();
	nodesBase = await ensureNodesBase();
	const latencyMs = config.latenciesMs[0];
	for (const users of config.list.users) {
		for (const client of ['raw', 'node']) {
			const out = `.out/memory-${client}-${users}.json`;
			jest('bench/memory.bench.ts', { mode, memory: { client, users, latencyMs, out } });
		}
	}
	jest('bench/trigger.bench.ts', { mode });
	jest('bench/timing.bench.ts', { mode });
	printTable();
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
