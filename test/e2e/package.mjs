// Packaging test: packs the built package with `npm pack` the way it would be published, unpacks the
// tarball and checks that it holds only what n8n needs, that the `n8n` block, the icons and the codex
// files it points at are in it, and that it passes the lint rules n8n's verification scanner
// (@n8n/scan-community-package) applies, using the scanner's own `analyzePackage`.
//
// Usage: npm run build && npm run test:package   (optional argument: another package folder)
// Runs offline: `npm pack` of a local folder does not touch the registry, and the scanner's
// network steps (provenance, source download) are skipped; only its lint legs run.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// Runs in the child: requires each n8n module, instantiates its exported classes and reports
// name, icon and credentials from their descriptions.
const describeScript = `
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
const require = createRequire(resolve('package.json'));
const { nodes, credentials } = JSON.parse(process.env.DESCRIBE);
const describe = (path, kind) => {
	const mod = require(resolve(path));
	for (const Exported of Object.values(mod)) {
		if (typeof Exported !== 'function') continue;
		const instance = new Exported();
		const d = kind === 'node' ? instance.description : instance;
		if (!d || !d.name) continue;
		return { path, name: d.name, icon: d.icon, credentials: (d.credentials ?? []).map((c) => c.name) };
	}
	return { path };
};
process.stdout.write(JSON.stringify({
	nodes: nodes.map((p) => describe(p, 'node')),
	credentials: credentials.map((p) => describe(p, 'credential')),
}));
`;

const started = Date.now();
const require = createRequire(import.meta.url);
const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '../..'));
const failures = [];
const fail = (message) => failures.push(message);

if (!existsSync(join(root, 'dist'))) {
	console.error(`package FAIL: ${root}/dist is missing; run npm run build first`);
	process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'n8n-nodes-hex-pack-'));
try {
	// 1. Pack for real (scripts skipped: the package has none that pack should run).
	const packJson = execFileSync(
		'npm',
		['pack', '--json', '--ignore-scripts', '--pack-destination', work],
		{ cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
	);
	const [packed] = JSON.parse(packJson);
	const tarball = join(work, packed.filename);
	const unpacked = join(work, 'unpacked');
	execFileSync('mkdir', ['-p', unpacked]);
	execFileSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);

	const files = packed.files.map((f) => f.path).sort();
	const inTarball = new Set(files);
	const onDisk = walk(unpacked)
		.map((f) => relative(unpacked, f).split('\\').join('/'))
		.sort();
	if (JSON.stringify(onDisk) !== JSON.stringify(files)) {
		fail(`npm pack --json lists ${files.length} files but the tarball holds ${onDisk.length}`);
	}

	// 2. Only what n8n needs: package metadata files and built node/credential assets under dist/.
	const topLevel = /^(package\.json|README\.md|LICENSE(\.md)?|CHANGELOG\.md)$/;
	const distAsset = /^dist\/.+\.(js|svg|png|node\.json)$/;
	for (const file of files) {
		if (/^test\//.test(file) || /\/test\//.test(file)) fail(`test file in tarball: ${file}`);
		else if (/\.ts$/.test(file) && !/\.d\.ts$/.test(file))
			fail(`TypeScript source in tarball: ${file}`);
		else if (/\.map$/.test(file)) fail(`source map in tarball: ${file}`);
		else if (/tsbuildinfo/.test(file)) fail(`tsbuildinfo in tarball: ${file}`);
		else if (!topLevel.test(file) && !distAsset.test(file))
			fail(`unexpected file in tarball: ${file}`);
	}
	for (const required of ['package.json', 'README.md', 'LICENSE']) {
		if (!inTarball.has(required) && !inTarball.has(`${required}.md`)) fail(`${required} missing`);
	}

	// Stale build output would ship too: every packed .js must come from a current .ts source.
	for (const file of files.filter((f) => /^dist\/.+\.js$/.test(f))) {
		const source = join(root, file.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
		if (!existsSync(source)) {
			fail(
				`${file} has no source ${relative(root, source)} (stale build? rm -rf dist && npm run build)`,
			);
		}
	}

	// 3. package.json of the tarball.
	const pkg = JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8'));
	if (pkg.dependencies && Object.keys(pkg.dependencies).length > 0) {
		fail(`runtime dependencies in package.json: ${Object.keys(pkg.dependencies).join(', ')}`);
	}
	if (JSON.stringify(pkg.peerDependencies) !== JSON.stringify({ 'n8n-workflow': '*' })) {
		fail(
			`peerDependencies must be exactly {"n8n-workflow":"*"}: ${JSON.stringify(pkg.peerDependencies)}`,
		);
	}
	if (pkg.main && !inTarball.has(posix.normalize(pkg.main))) {
		fail(`package.json main "${pkg.main}" is not in the tarball`);
	}
	if (!pkg.keywords?.includes('n8n-community-node-package')) {
		fail('package.json keywords lack n8n-community-node-package');
	}

	// 4. Every path in the n8n block exists, and the modules load and describe themselves.
	const nodePaths = pkg.n8n?.nodes ?? [];
	const credentialPaths = pkg.n8n?.credentials ?? [];
	if (nodePaths.length === 0) fail('package.json n8n.nodes is empty');
	for (const p of [...nodePaths, ...credentialPaths]) {
		if (!inTarball.has(p)) fail(`n8n block path not in tarball: ${p}`);
	}

	// Load the packed modules in a child process that resolves n8n-workflow from this repo's
	// node_modules (the peer dependency n8n provides at runtime).
	const described = JSON.parse(
		execFileSync(process.execPath, ['--input-type=module', '-e', describeScript], {
			cwd: unpacked,
			encoding: 'utf8',
			env: {
				...process.env,
				NODE_PATH: join(root, 'node_modules'),
				N8N_LOG_LEVEL: 'silent',
				DESCRIBE: JSON.stringify({
					nodes: nodePaths.filter((p) => inTarball.has(p)),
					credentials: credentialPaths.filter((p) => inTarball.has(p)),
				}),
			},
		}),
	);
	const credentialNames = new Set(described.credentials.map((c) => c.name));
	let icons = 0;
	for (const item of [...described.nodes, ...described.credentials]) {
		if (!item.name) fail(`${item.path}: no exported class with a description`);
		const iconRefs = typeof item.icon === 'string' ? [item.icon] : Object.values(item.icon ?? {});
		if (iconRefs.length === 0) fail(`${item.path}: no icon`);
		for (const ref of iconRefs) {
			if (!/^file:/.test(ref)) {
				fail(`${item.path}: icon ${ref} is not a file: icon`);
				continue;
			}
			const iconPath = posix.normalize(posix.join(posix.dirname(item.path), ref.slice(5)));
			if (!inTarball.has(iconPath)) fail(`${item.path}: icon ${iconPath} not in tarball`);
			else icons++;
		}
	}
	for (const node of described.nodes) {
		for (const cred of node.credentials ?? []) {
			if (!credentialNames.has(cred)) fail(`${node.path}: credential ${cred} not in the package`);
		}
		const codexPath = node.path.replace(/\.js$/, '.json');
		if (!inTarball.has(codexPath)) {
			fail(`${node.path}: codex ${codexPath} not in tarball`);
			continue;
		}
		const codex = JSON.parse(readFileSync(join(unpacked, codexPath), 'utf8'));
		if (codex.node !== `${pkg.name}.${node.name}`) {
			fail(`${codexPath}: "node" is ${codex.node}, expected ${pkg.name}.${node.name}`);
		}
	}

	// 5. The scanner's lint legs: the packed .js + package.json (what it runs on the npm tarball),
	// and the source files it runs on the provenance-attested checkout (package.json,
	// nodes/ and credentials/). Inline eslint-disable comments are ignored, as in the scanner.
	// The scanner makes a temp folder when loaded; have its `tmp` remove it at exit.
	const scannerRequire = createRequire(require.resolve('@n8n/scan-community-package/package.json'));
	scannerRequire('tmp').setGracefulCleanup();
	const scanner = await import('@n8n/scan-community-package/scanner/scanner.mjs');
	const jsCount = files.filter((f) => f.endsWith('.js')).length;
	const tarballLeg = await scanner.analyzePackage(unpacked, ['**/*.js', 'package.json']);
	if (!tarballLeg.passed)
		fail(`scanner (tarball leg): ${tarballLeg.message}\n${tarballLeg.details ?? ''}`);
	const sourceLeg = await scanner.analyzePackage(root, scanner.SOURCE_FILE_PATTERNS);
	if (!sourceLeg.passed)
		fail(`scanner (source leg): ${sourceLeg.message}\n${sourceLeg.details ?? ''}`);

	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	if (failures.length > 0) {
		console.error(`package FAIL (${failures.length} problems, ${seconds}s):`);
		for (const f of failures) console.error(`- ${f}`);
		process.exitCode = 1;
	} else {
		console.log(
			`package PASS: ${files.length} files (${(packed.size / 1024).toFixed(0)} kB packed), ` +
				`n8n paths present (${nodePaths.length} nodes, ${credentialPaths.length} credential), ` +
				`${icons} icon references and ${described.nodes.length} codex files resolve, no runtime dependencies, ` +
				`scanner rules clean (${jsCount} packed .js files + package.json; source leg) in ${seconds}s`,
		);
	}
} finally {
	rmSync(work, { recursive: true, force: true });
}

function walk(dir) {
	return readdirSync(dir).flatMap((name) => {
		const full = join(dir, name);
		return statSync(full).isDirectory() ? walk(full) : [full];
	});
}
