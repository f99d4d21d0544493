// The few things the bench needs that n8n's strict lint forbids in .ts files (process, fs, gc).
// Kept to plain I/O; all measuring and reporting logic is in the .ts files beside it.
const fs = require('fs');
const path = require('path');
const v8 = require('v8');
const vm = require('vm');

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

/** What bench/run.js asked this Jest process to do (BENCH_JOB, JSON), or undefined. */
exports.job = () => (process.env.BENCH_JOB ? JSON.parse(process.env.BENCH_JOB) : undefined);

/** Resident set size, the process's peak RSS so far and the V8 heap in use, in bytes. */
exports.memory = () => {
	const usage = process.memoryUsage();
	return {
		rss: usage.rss,
		maxRss: process.resourceUsage().maxRSS * 1024,
		heapUsed: usage.heapUsed,
	};
};

/** CPU time this process has used (all its threads, user + system), in ms. */
exports.cpuMs = () => {
	const usage = process.cpuUsage();
	return (usage.user + usage.system) / 1000;
};

exports.collectGarbage = () => {
	gc();
	gc();
};

const file = (name) => path.join(__dirname, name);

exports.writeJson = (name, value) => {
	fs.mkdirSync(path.dirname(file(name)), { recursive: true });
	fs.writeFileSync(file(name), `${JSON.stringify(value, null, '\t')}\n`);
};

/** Where a run's merged figures go: bench/results.json for the full run, else under .out/. */
exports.resultsFile = (mode) => (mode === 'full' ? 'results.json' : `.out/results.${mode}.json`);

exports.readJson = (name) =>
	fs.existsSync(file(name)) ? JSON.parse(fs.readFileSync(file(name), 'utf8')) : undefined;

exports.writeText = (name, text) => {
	fs.mkdirSync(path.dirname(file(name)), { recursive: true });
	fs.writeFileSync(file(name), text);
};

exports.platform = () => ({
	node: process.version,
	platform: `${process.platform} ${process.arch}`,
	cpus: require('os').cpus().length,
	cpuModel: require('os').cpus()[0]?.model ?? 'unknown',
	// Other work on the machine skews the timings; recorded so that a noisy run can be recognised.
	loadAverage: require('os')
		.loadavg()
		.map((load) => Math.round(load * 100) / 100),
});

/**
 * n8n's HTTP Request node type from n8n-nodes-base, which bench/run.js takes from the e2e n8n
 * install (BENCH_N8N_NODES_BASE) after checking that its version is our n8n-core's. Its own
 * imports of n8n-workflow and n8n-core resolve to this repository's copies (jest.bench.config.js),
 * so it runs on the same engine and expression engine as the Hex node.
 */
exports.httpRequestNodeType = () => {
	const dir = process.env.BENCH_N8N_NODES_BASE;
	if (!dir) throw new Error('BENCH_N8N_NODES_BASE is not set: run the bench with npm run bench');
	const { HttpRequest } = require(path.join(dir, 'dist/nodes/HttpRequest/HttpRequest.node.js'));
	return new HttpRequest();
};
