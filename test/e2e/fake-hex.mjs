// The fake Hex server (test/fake-hex/*.ts) for end-to-end runs, without tsx/ts-node: its
// TypeScript files are transpiled with the project's own `typescript` (ts.transpileModule, CommonJS)
// into test/.tmp/e2e/fake-hex-<pid>/ (gitignored, removed at exit) and loaded with require.
//   import { startFakeHex } from './fake-hex.mjs'  -> the same startFakeHex(options) as the tests
//   node test/e2e/fake-hex.mjs '{"users":30}'       -> standalone: prints {"baseUrl","token"} as one
//                                                     JSON line, serves until SIGINT/SIGTERM
// The token printed is the fake server's own test token, never a real Hex token.
import { createRequire } from 'node:module';
import { rmSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = resolve(HERE, '..', '..');
const SOURCE = join(REPO_ROOT, 'test', 'fake-hex');
// One folder per process (removed when it exits), so several test processes can run side by side.
const OUT = join(REPO_ROOT, 'test', '.tmp', 'e2e', `fake-hex-${process.pid}`);
const require = createRequire(import.meta.url);

async function sourceFiles(dir) {
	const files = [];
	for (const entry of await readdir(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) files.push(...(await sourceFiles(path)));
		else if (
			entry.name.endsWith('.ts') &&
			!entry.name.endsWith('.test.ts') &&
			!entry.name.endsWith('.d.ts')
		) {
			files.push(path);
		}
	}
	return files;
}

let loaded;

/** Transpiles test/fake-hex into test/.tmp/e2e/fake-hex-<pid> and returns its server module. */
export async function loadFakeHexModule() {
	if (loaded) return loaded;
	const ts = require(join(REPO_ROOT, 'node_modules', 'typescript'));
	rmSync(OUT, { recursive: true, force: true });
	process.once('exit', () => rmSync(OUT, { recursive: true, force: true }));
	for (const file of await sourceFiles(SOURCE)) {
		const { outputText, diagnostics } = ts.transpileModule(await readFile(file, 'utf8'), {
			fileName: file,
			reportDiagnostics: true,
			compilerOptions: {
				module: ts.ModuleKind.CommonJS,
				target: ts.ScriptTarget.ES2022,
				esModuleInterop: true,
				resolveJsonModule: true,
			},
		});
		if (diagnostics?.length) {
			const text = diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
			throw new Error(`Cannot transpile ${file}: ${text.join('; ')}`);
		}
		// Relative imports that leave test/fake-hex (Hex's spec beside the clone) become absolute.
		const code = outputText.replace(/require\("(\.{1,2}\/[^"]+)"\)/g, (whole, spec) => {
			const target = resolve(dirname(file), spec);
			if (target === SOURCE || target.startsWith(SOURCE + sep)) return whole;
			return `require(${JSON.stringify(target)})`;
		});
		const out = join(OUT, relative(SOURCE, file)).replace(/\.ts$/, '.js');
		await mkdir(dirname(out), { recursive: true });
		await writeFile(out, code);
	}
	await writeFile(join(OUT, 'package.json'), '{"type":"commonjs"}\n');
	loaded = require(join(OUT, 'server.js'));
	return loaded;
}

/** Another module of the fake (e.g. 'routes/cells', 'png'), for test helpers on its state. */
export async function fakeHexModule(name) {
	await loadFakeHexModule();
	return require(join(OUT, `${name}.js`));
}

export async function startFakeHex(options = {}) {
	const { startFakeHex: start } = await loadFakeHexModule();
	return start(options);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
	const options = process.argv[2] ? JSON.parse(process.argv[2]) : {};
	const fake = await startFakeHex(options);
	process.stdout.write(`${JSON.stringify({ baseUrl: fake.baseUrl, token: fake.token })}\n`);
	const stop = async () => {
		await fake.close();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

/** The projects of a started fake that have a published version (the ones Hex can run). */
export function publishedProjects(fake) {
	return fake.state.projects.filter((p) => (fake.state.projectVersions.get(p.id) ?? 0) > 0);
}
