// `npm run test:load [-- --repeat N] [-- jest args]`: the Jest suite while busy loops hold every
// core, as on a loaded CI machine or a busy n8n host. One loop per core, each a child process
// that spins until a bound (LOAD_MINUTES, default 90) and then stops by itself, also when this
// script dies. With --repeat N the suite runs N times in a row and stops at the first failure.
// The load average is printed while it runs; nothing here asserts a time.
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { prepare } from '../prepare.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const repeatAt = args.indexOf('--repeat');
const repeat = repeatAt >= 0 ? Number(args.splice(repeatAt, 2)[1]) : 1;
if (!Number.isInteger(repeat) || repeat < 1) throw new Error('--repeat needs a whole number');
const boundMs = Number(process.env.LOAD_MINUTES ?? 90) * 60_000;
const cores = os.availableParallelism();

// Spins in slices of ~50 ms; stops at the bound or when its parent is gone.
const busyLoop = `
const end = Date.now() + ${boundMs};
const parent = process.ppid;
while (Date.now() < end && process.ppid === parent) {
	const slice = Date.now() + 50;
	while (Date.now() < slice) Math.sqrt(Math.random());
}`;
const loops = Array.from({ length: cores }, () =>
	spawn(process.execPath, ['-e', busyLoop], { stdio: 'ignore' }),
);
let suite;
const stopLoops = () => {
	for (const loop of loops) if (loop.exitCode === null) loop.kill();
	if (suite?.exitCode === null) suite.kill();
};
process.on('exit', stopLoops);
for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, () => {
		stopLoops();
		process.exit(130);
	});
}

const load = () =>
	os
		.loadavg()
		.map((value) => value.toFixed(2))
		.join(' ');
console.log(
	`test:load: ${cores} busy loops (one per core, bound ${boundMs / 60_000} min); load ${load()}`,
);
const sampler = setInterval(() => console.log(`test:load: load average ${load()}`), 60_000);

// Jest needs Node >= 22: the same Node (and build) `npm test` uses.
const nodeBin = await prepare();

function jest() {
	const jestArgs = [
		'--experimental-vm-modules',
		'--disable-warning=ExperimentalWarning',
		path.join(root, 'node_modules/jest/bin/jest.js'),
		'--ci',
		...args,
	];
	return new Promise((resolve) => {
		const child = spawn(nodeBin, jestArgs, { cwd: root, stdio: 'inherit' });
		suite = child;
		child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
	});
}

let status = 0;
for (let run = 1; run <= repeat && status === 0; run++) {
	const started = Date.now();
	const loadBefore = load();
	status = await jest();
	const minutes = ((Date.now() - started) / 60_000).toFixed(1);
	console.log(
		`test:load: run ${run}/${repeat} ${status === 0 ? 'passed' : 'FAILED'} in ${minutes} min; load average at start ${loadBefore}, at end ${load()}`,
	);
}
clearInterval(sampler);
stopLoops();
process.exit(status);
