// `npm test [-- <Jest arguments>]`: prepares a fresh clone (test/prepare.mjs: Node 24 when this
// Node is older than 22, the development dependencies, dist/), then runs Jest under that Node with
// the given arguments. Jest needs Node >= 22 (require of ES modules) and --experimental-vm-modules.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

import { REPO_ROOT } from './e2e/runtime.mjs';
import { prepare } from './prepare.mjs';

try {
	const nodeBin = await prepare();
	const child = spawn(
		nodeBin,
		[
			'--experimental-vm-modules',
			'--disable-warning=ExperimentalWarning',
			join(REPO_ROOT, 'node_modules', 'jest', 'bin', 'jest.js'),
			...process.argv.slice(2),
		],
		{ cwd: REPO_ROOT, stdio: 'inherit' },
	);
	for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
	child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} catch (error) {
	console.error(error.message ?? error);
	process.exit(1);
}
