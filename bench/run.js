// `npm run bench [-- --smoke]`: runs the bench's Jest files, one Jest process per measurement so
// that each list's peak RSS is that client's own (raw fetch or the node, never both in one
// process), then the timing and behaviour measurements in one process, which merges everything
// into bench/results.json (a smoke run: bench/.out/results.smoke.json) and the table printed below.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { resultsFile } = require('./system');

const mode = process.argv.includes('--smoke') ? 'smoke' : 'full';
const config = require('./config.json')[mode];
const root = path.resolve(__dirname, '..');
fs.rmSync(path.join(__dirname, '.out'), { recursive: true, force: true });

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
	const env = { ...process.env, BENCH_JOB: JSON.stringify(job) };
	const result = spawnSync(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
	if (result.status !== 0) {
		console.error(`bench: ${file} failed (${JSON.stringify(job)})`);
		process.exit(result.status ?? 1);
	}
}

const latencyMs = config.latenciesMs[0];
for (const users of config.list.users) {
	for (const client of ['raw', 'node']) {
		const out = `.out/memory-${client}-${users}.json`;
		jest('bench/memory.bench.ts', { mode, memory: { client, users, latencyMs, out } });
	}
}
jest('bench/timing.bench.ts', { mode });
process.stdout.write(`\n${fs.readFileSync(path.join(__dirname, '.out/table.txt'), 'utf8')}`);
console.log(`\nWrote ${path.relative(root, path.join(__dirname, resultsFile(mode)))}`);
