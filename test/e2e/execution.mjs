// Helpers shared by the end-to-end scripts that run workflows with `n8n execute` (run.mjs, ai.mjs):
// the loops over cases and runtimes with their PASS/FAIL lines,
// the check error, runtime selection, importing into n8n, running a workflow and reading the
// execution JSON n8n prints.
import { existsSync } from 'node:fs';
import { chmod, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A failed check: its message is the whole story (no stack trace in the report). */
export class Check extends Error {}

/**
 * Calls condition() every `everyMs` until it returns a truthy value, and returns that value; past
 * timeoutMs it fails loudly: a Check "timed out after N s: <what>", with what seen() (if given)
 * reports at that moment. No caller swallows it: a wait that times out fails its check.
 */
export async function waitUntil(condition, timeoutMs, what, seen, everyMs = 250) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await condition();
		if (value) return value;
		if (Date.now() > deadline) {
			const state = seen ? ` (${await seen()})` : '';
			throw new Check(`timed out after ${timeoutMs / 1000} s: ${what}${state}`);
		}
		await new Promise((r) => setTimeout(r, everyMs));
	}
}

export function assert(condition, message) {
	if (!condition) throw new Check(message);
}

export function nodeError(execution) {
	const error = execution.data?.resultData?.error;
	if (!error) return '';
	return `${error.node?.name ? `${error.node.name}: ` : ''}${error.message}${error.description ? ` (${error.description})` : ''}`;
}

/**
 * The execution JSON that `n8n execute --rawOutput` prints: on success the whole output; on a
 * failed execution a pretty-printed block among log lines (from a "{" line to a "}" line).
 */
export function parseExecution(stdout) {
	const lines = stdout.split('\n');
	for (let i = 0; i < lines.length; i++) {
		if (lines[i] !== '{') continue;
		for (let j = i + 1; j < lines.length; j++) {
			if (lines[j] !== '}') continue;
			try {
				return JSON.parse(lines.slice(i, j + 1).join('\n'));
			} catch {
				// a nested "}" line or not JSON after all; keep looking
			}
		}
	}
	return undefined;
}

export function tail(text, n = 25) {
	return text.trim().split('\n').slice(-n).join('\n');
}

/** The runtimes that `--runtime=<version|1|2>` arguments (repeatable) select; all without one. */
export function runtimesFromArgs(args, runtimes) {
	const wanted = args
		.filter((a) => a.startsWith('--runtime='))
		.map((a) => a.slice('--runtime='.length));
	const selected = wanted.length
		? runtimes.filter((r) => wanted.some((w) => r.version === w || r.version.startsWith(`${w}.`)))
		: runtimes;
	if (!selected.length) throw new Error(`No runtime matches ${wanted.join(', ')}`);
	return selected;
}

/** Throws unless the built node and credential are in dist/ (the e2e scripts load dist/). */
export function requireBuild(repoRoot, script) {
	for (const file of ['dist/nodes/Hex/Hex.node.js', 'dist/credentials/HexApi.credentials.js']) {
		if (!existsSync(join(repoRoot, file))) {
			throw new Error(`${file} is missing: run npm run build before npm run ${script}`);
		}
	}
}

/**
 * `n8n import:credentials` or `import:workflow` of `data` through a file in the user folder; a
 * credentials file is private while it exists and removed after the import.
 */
export async function importIntoN8n(cli, userFolder, kind, data) {
	const file = join(userFolder, `e2e-${kind}.json`);
	await writeFile(file, JSON.stringify(data));
	if (kind === 'credentials') await chmod(file, 0o600);
	const result = await cli([`import:${kind}`, `--input=${file}`]);
	if (kind === 'credentials') await rm(file);
	if (result.code !== 0)
		throw new Error(`import:${kind} failed:\n${tail(result.stdout + result.stderr)}`);
}

/** `n8n execute --id` of an imported workflow: its execution JSON, checked to have succeeded. */
export async function executeWorkflow(cli, id) {
	const result = await cli(['execute', `--id=${id}`, '--rawOutput'], {
		// info: a failed execution's JSON is only printed at this level
		N8N_LOG_LEVEL: 'info',
	});
	const execution = parseExecution(result.stdout);
	assert(
		execution,
		`n8n execute printed no execution JSON (exit ${result.code}):\n${tail(result.stdout + result.stderr)}`,
	);
	assert(
		execution.status === 'success' && !execution.data?.resultData?.error,
		`execution ${execution.status}: ${nodeError(execution) || tail(result.stderr)}`,
	);
	assert(result.code === 0, `n8n execute exited ${result.code}`);
	return execution;
}

/**
 * Runs `cases` one after another in n8n `version`: `check(one)` returns a summary or throws (a
 * Check: its message; anything else: its stack). One `e2e PASS|FAIL n8n <version> <name>` line
 * each; returns whether each passed.
 */
export async function runCases(version, cases, name, check) {
	const results = [];
	for (const one of cases) {
		const started = Date.now();
		try {
			const summary = await check(one);
			const seconds = ((Date.now() - started) / 1000).toFixed(1);
			console.log(`e2e PASS n8n ${version} ${name(one)} (${summary}; ${seconds} s)`);
			results.push(true);
		} catch (error) {
			const why = error instanceof Check ? error.message : error.stack;
			console.log(`e2e FAIL n8n ${version} ${name(one)}: ${why}`);
			results.push(false);
		}
	}
	return results;
}

/**
 * `runRuntime(runtime)` (its cases' results) for every runtime, a failing one not stopping the
 * next; then exits 1 with the list of failures, or prints that all `count` `noun`s passed.
 * `script` names the script in its lines ('e2e', 'e2e ai').
 */
export async function runEveryRuntime(runtimes, runRuntime, { script, count, noun }) {
	// 'e2e ai' → "e2e FAIL n8n <version> ai: …", 'e2e' → "e2e FAIL n8n <version>: …".
	const suffix = script.replace(/^e2e/, '');
	const failures = [];
	for (const runtime of runtimes) {
		const name = `${runtime.label} (${runtime.version})`;
		try {
			const failed = (await runRuntime(runtime)).filter((ok) => !ok).length;
			if (failed) failures.push(`${name}: ${failed} ${noun}(s) failed`);
		} catch (error) {
			console.log(`e2e FAIL n8n ${runtime.version}${suffix}: ${error.message}`);
			failures.push(`${name}: ${error.message.split('\n')[0]}`);
		}
	}
	if (failures.length) {
		console.error(`${script} failed:\n- ${failures.join('\n- ')}`);
		process.exit(1);
	}
	const versions = runtimes.map((r) => `n8n ${r.version}`).join(' and ');
	console.log(`${script}: all ${count} ${noun}s passed in ${versions}`);
}
