// The GitHub Actions workflows (nothing here can run them): parsed as YAML and checked for the
// triggers, permissions and commands that n8n's verification requires (publish from GitHub
// Actions with npm provenance) and that CI runs what the README says.
import { parse } from 'yaml';

import packageJson from '../../package.json';
import ciText from '../../.github/workflows/ci.yml';
import publishText from '../../.github/workflows/publish.yml';

interface Step {
	uses?: string;
	run?: string;
	with?: Record<string, unknown>;
	env?: Record<string, unknown>;
}
interface Workflow {
	on: Record<string, { branches?: string[]; tags?: string[] } | null>;
	permissions?: Record<string, string>;
	jobs: Record<string, { permissions?: Record<string, string>; steps: Step[] }>;
}

const ci = parse(ciText) as Workflow;
const publish = parse(publishText) as Workflow;
const scripts: Record<string, string> = packageJson.scripts;

const steps = (workflow: Workflow) => Object.values(workflow.jobs).flatMap((job) => job.steps);
const commands = (workflow: Workflow) =>
	steps(workflow)
		.flatMap((step) => (step.run ?? '').split('\n'))
		.map((line) => line.trim())
		.filter((line) => line !== '');
const nodeVersions = (workflow: Workflow) =>
	steps(workflow)
		.filter((step) => step.uses?.startsWith('actions/setup-node@'))
		.map((step) => String(step.with?.['node-version']));

describe('.github/workflows/ci.yml', () => {
	test('runs on pull requests and on pushes to main', () => {
		expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
		expect(ci.on.push?.branches).toEqual(['main']);
	});

	test('installs, lints, builds and runs the unit tests, in that order, on Node 24', () => {
		const run = commands(ci);
		const order = ['npm install', 'npm run lint', 'npm run build', 'npm test'].map((command) =>
			run.findIndex((line) => line.startsWith(command)),
		);
		expect(order.every((index) => index >= 0)).toBe(true);
		expect([...order].sort((a, b) => a - b)).toEqual(order);
		expect(nodeVersions(ci)).toEqual(['24']);
	});
});

describe('.github/workflows/publish.yml', () => {
	test('runs only on version tags', () => {
		expect(Object.keys(publish.on)).toEqual(['push']);
		expect(publish.on.push).toEqual({ tags: ['*.*.*'] });
	});

	test('may mint an OIDC token (npm provenance) and only read the repository', () => {
		const jobs = Object.values(publish.jobs);
		expect(jobs).toHaveLength(1);
		expect(jobs[0].permissions ?? publish.permissions).toEqual({
			'id-token': 'write',
			contents: 'read',
		});
	});

	test('installs, then publishes through `npm run release` (n8n-node release) with provenance on', () => {
		const run = commands(publish);
		expect(run[0]).toMatch(/^npm (install|ci)\b/);
		expect(run[run.length - 1]).toBe('npm run release');
		const release = steps(publish).find((step) => step.run?.includes('npm run release'));
		expect(release?.env?.NPM_CONFIG_PROVENANCE).toBe('true');
		expect(release?.env?.NPM_TOKEN).toBe('${{ secrets.NPM_TOKEN }}');
		expect(nodeVersions(publish)).toEqual(['24']);
	});
});

describe('package.json release scripts', () => {
	test('`npm run release` is n8n-node release, and a bare npm publish is refused', () => {
		expect(scripts.release).toBe('n8n-node release');
		expect(scripts.prepublishOnly).toBe('n8n-node prerelease');
	});

	test('@n8n/node-cli is pinned at 0.23.0 or newer (the first with provenance in CI)', () => {
		const [major, minor] = packageJson.devDependencies['@n8n/node-cli'].split('.').map(Number);
		expect(major > 0 || minor >= 23).toBe(true);
	});

	test('every `npm run <script>` in the workflows exists', () => {
		const used = [...commands(ci), ...commands(publish)].flatMap((line) =>
			[...line.matchAll(/npm run ([\w:-]+)/g)].map((match) => match[1]),
		);
		expect(used.length).toBeGreaterThan(0);
		expect(used.filter((name) => !(name in scripts))).toEqual([]);
	});
});
