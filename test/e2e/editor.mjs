// Editor check in a real browser (npm run test:editor; expects `npm run build` first).
// Starts the pinned n8n runtime (test/e2e/runtime.mjs; 2.x by default, --runtime=1 for 1.x) on
// 127.0.0.1 with a fresh user folder and the package loaded from dist/, creates the owner account
// over REST, then drives Debian's Chromium (playwright-core, never a downloaded browser): signs in,
// opens a new workflow, searches "Hex" in the node creator, adds the Hex node and opens its
// parameter panel. Asserts that the node is found, that its icon is served (HTTP 200) and shown,
// and that the Resource dropdown lists exactly the resources of the built node description; that
// the creator's Hex entry speaks for actions and triggers; that Run → Start shows "Input
// Parameters" once (mode and list are named apart), its notification fields in fill-in order, and
// the canvas subtitle is the action. Saves docs/editor-hex-node.png (README) and
// docs/editor-run-start.png. Every browser request to a host other than 127.0.0.1
// is aborted. Prints `editor PASS n8n <version>: ...` or `editor FAIL ...` and exits non-zero.
// Options: --runtime=<version|1|2>, --keep (keep the temporary folders), --screenshot=<path>,
// --dist=<folder> (the built package to load; default dist/).
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';

import { N8N_RUNTIMES, REPO_ROOT, startN8n } from './runtime.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const OWNER = {
	email: 'owner@example.com',
	firstName: 'Editor',
	lastName: 'Check',
	password: `E2e-${Math.random().toString(36).slice(2, 10)}-Pw1`,
};

const args = process.argv.slice(2);
const option = (name) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const keep = args.includes('--keep');
const wanted = option('runtime') ?? '2';
const runtime = N8N_RUNTIMES.find(
	(r) => r.version === wanted || r.version.startsWith(`${wanted}.`),
);
const screenshotPath = option('screenshot') ?? join(REPO_ROOT, 'docs', 'editor-hex-node.png');
const runStartPath = join(dirname(screenshotPath), 'editor-run-start.png');
const distDir = resolve(option('dist') ?? join(REPO_ROOT, 'dist'));

class Check extends Error {}
function assert(condition, message) {
	if (!condition) throw new Check(message);
}

/** Display names of the Resource options of the built Hex node description. */
function expectedResources() {
	const built = join(distDir, 'nodes', 'Hex', 'Hex.node.js');
	assert(existsSync(built), `${built} is missing; run npm run build first`);
	const require = createRequire(join(REPO_ROOT, 'package.json'));
	const { Hex } = require(built);
	const description = new Hex().description;
	const resource = description.properties.find((p) => p.name === 'resource');
	const operation = description.properties.find(
		(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource.default),
	);
	const defaultAction = operation.options.find((o) => o.value === operation.default).action;
	return {
		displayName: description.displayName,
		resources: resource.options.map((o) => o.name),
		defaultAction,
	};
}

function freePort() {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** /healthz answers while n8n still serves its "starting up" page; wait for the REST API. */
async function waitForRest(url, timeoutMs = 180000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			const response = await fetch(`${url}/rest/settings`, { signal: AbortSignal.timeout(5000) });
			if (response.ok && response.headers.get('content-type')?.includes('json')) return;
		} catch {}
		assert(Date.now() < deadline, `n8n REST API at ${url} not ready within ${timeoutMs / 1000} s`);
		await new Promise((r) => setTimeout(r, 500));
	}
}

/**
 * Waits until no finite CSS animation or transition runs on the page (a panel or dropdown has
 * finished opening; endless ones such as spinners are left out), so that a screenshot shows the
 * settled page. Fails loudly after timeoutMs, naming what still ran.
 */
async function settled(page, what, timeoutMs = 10000) {
	// Both run in the page (Playwright sends their source).
	const still = () =>
		document
			.getAnimations()
			.filter(
				(a) => a.playState === 'running' && a.effect?.getComputedTiming().iterations !== Infinity,
			)
			.map((a) => a.animationName || a.transitionProperty || a.constructor.name);
	try {
		await page.waitForFunction(
			() =>
				!document
					.getAnimations()
					.some(
						(a) =>
							a.playState === 'running' && a.effect?.getComputedTiming().iterations !== Infinity,
					),
			undefined,
			{ timeout: timeoutMs },
		);
	} catch (error) {
		if (error?.name !== 'TimeoutError') throw error;
		throw new Check(
			`${what}: animations still running after ${timeoutMs / 1000} s: ${JSON.stringify(await page.evaluate(still))}`,
		);
	}
}

async function setupOwner(url) {
	const response = await fetch(`${url}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(OWNER),
	});
	const body = await response.text();
	assert(
		response.ok && body.includes(OWNER.email),
		`POST /rest/owner/setup answered ${response.status}: ${body.slice(0, 300)}`,
	);
}

async function main() {
	assert(
		runtime,
		`unknown runtime ${wanted}; known: ${N8N_RUNTIMES.map((r) => r.version).join(', ')}`,
	);
	assert(existsSync(CHROMIUM), `${CHROMIUM} not found: apt-get install -y chromium`);
	const { chromium } = await import('playwright-core');
	const expected = expectedResources();
	const started = Date.now();
	const work = await mkdtemp(join(tmpdir(), 'n8n-nodes-hex-editor-'));
	const timings = {};
	let n8n;
	let context;
	let page;
	try {
		const port = await freePort();
		n8n = await startN8n({
			version: runtime.version,
			userFolder: join(work, 'n8n'),
			port,
			env: { N8N_CUSTOM_EXTENSIONS: distDir },
		});
		await waitForRest(n8n.url);
		timings.n8nStart = Date.now() - started;
		await setupOwner(n8n.url);

		context = await chromium.launchPersistentContext(join(work, 'chromium'), {
			executablePath: CHROMIUM,
			headless: true,
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
			],
			viewport: { width: 1440, height: 900 },
		});
		// Nothing leaves 127.0.0.1.
		const blocked = [];
		await context.route('**/*', (route) => {
			const { hostname, protocol } = new URL(route.request().url());
			if (protocol === 'data:' || protocol === 'blob:' || hostname === '127.0.0.1')
				return route.continue();
			blocked.push(hostname);
			return route.abort();
		});
		page = await context.newPage();
		let stepNo = 0;
		const step = async (name) =>
			page.screenshot({ path: join(work, `${String(++stepNo).padStart(2, '0')}-${name}.png`) });
		const responses = [];
		page.on('response', (r) => responses.push({ url: r.url(), status: r.status() }));

		// Sign in through the form.
		await page.goto(`${n8n.url}/signin`);
		const email = page.locator('input[name="emailOrLdapLoginId"], input[name="email"]').first();
		await email.waitFor({ timeout: 60000 });
		await email.fill(OWNER.email);
		await page.locator('input[name="password"]').fill(OWNER.password);
		await page.locator('[data-test-id="form-submit-button"]').click();
		await page.waitForURL((u) => !u.pathname.includes('/signin'), { timeout: 30000 });

		// A new workflow; open the node creator and search.
		await page.goto(`${n8n.url}/workflow/new`);
		await page
			.locator('[data-test-id="canvas-add-button"], [data-test-id="canvas-plus-button"]')
			.first()
			.waitFor({ timeout: 60000 });
		await page.keyboard.press('Escape');
		await page.locator('[data-test-id="node-creator-plus-button"]').click();
		const search = page
			.locator(
				'[data-test-id="node-creator-search-bar"] input, input[data-test-id="node-creator-search-bar"]',
			)
			.first();
		await search.waitFor();
		await search.fill('Hex');
		// The search filters as it is typed (debounced): wait for an entry named exactly "Hex".
		const hexItem = page
			.locator('[data-test-id="item-iterator-item"]', {
				has: page.locator('[data-test-id="node-creator-item-name"]', {
					hasText: new RegExp(`^\\s*${expected.displayName}\\s*$`),
				}),
			})
			.first();
		try {
			await hexItem.waitFor({ timeout: 20000 });
		} catch {
			const names = await page.locator('[data-test-id="node-creator-item-name"]').allInnerTexts();
			throw new Check(
				`node creator search "Hex" shows ${JSON.stringify(names)}, no ${expected.displayName}`,
			);
		}
		await step('creator');
		// n8n shows Hex Trigger's text on the merged Hex entry, also where an action is wanted.
		const entryText = (await hexItem.innerText()).replace(/\s+/g, ' ');
		assert(
			/Run Hex projects, manage the workspace, and start workflows when a run finishes/.test(
				entryText,
			),
			`the Hex entry in the node creator reads ${JSON.stringify(entryText)}`,
		);

		// The creator shows Hex's icon: served with 200 and rendered.
		const icon = hexItem.locator('img').first();
		await icon.waitFor({ timeout: 20000 });
		const iconSrc = await icon.getAttribute('src');
		const iconLoaded = await icon.evaluate((img) => img.complete && img.naturalWidth > 0);
		assert(iconLoaded, `Hex icon ${iconSrc} did not render in the node creator`);
		const iconUrl = new URL(iconSrc, n8n.url).href;
		const iconResponse = responses.find((r) => r.url === iconUrl);
		assert(
			iconResponse?.status === 200,
			`Hex icon ${iconUrl} answered ${iconResponse?.status ?? 'nothing'}`,
		);

		// Add the node: the creator opens Hex's actions; picking one adds the node and opens its panel.
		await hexItem.click();
		// The trigger-first creator of an empty workflow lists Hex Trigger's events and folds Hex's
		// actions under "Actions (N)".
		const creator = page.locator('[data-test-id="node-creator"]');
		const actionsHeaderSelector =
			'[data-test-id="node-creator-category-item"][data-keyboard-nav-id="Actions"]';
		const actionsHeader = creator.locator(actionsHeaderSelector);
		await actionsHeader.waitFor({ timeout: 20000 });
		const actionsSection = creator.locator('[data-category-collapsed]', {
			has: page.locator(actionsHeaderSelector),
		});
		if ((await actionsSection.getAttribute('data-category-collapsed')) === 'true')
			await actionsHeader.click();
		// Pick the action of the node's default resource and operation (e.g. "Start a run").
		const action = creator
			.locator('[data-test-id="item-iterator-item"][data-keyboard-nav-type="action"]')
			.filter({
				has: page.locator('[data-test-id="node-creator-item-name"]', {
					hasText: expected.defaultAction,
				}),
			})
			.first();
		await action.waitFor({ timeout: 20000 });
		await action.click();

		// The parameter panel (NDV) of the new Hex node.
		const ndv = page.locator('[data-test-id="ndv"]');
		await ndv.waitFor({ timeout: 20000 });
		const resourceInput = ndv.locator('[data-test-id="parameter-input-resource"]');
		await resourceInput.waitFor({ timeout: 20000 });
		const ndvIcon = ndv.locator('img[src*="hex"]').first();
		await ndvIcon.waitFor({ timeout: 10000 });
		assert(
			await ndvIcon.evaluate((img) => img.complete && img.naturalWidth > 0),
			'Hex icon did not render in the parameter panel',
		);
		await settled(page, 'the parameter panel did not finish opening');
		const screenshot = await page.screenshot(); // written once every check has passed

		// The Resource dropdown lists the resources of the built description. The editor appends its
		// own "Custom API Call" entry (an HTTP Request with the node's credential) to nodes whose
		// credential can authenticate generic requests; that one extra entry is allowed.
		await resourceInput.click();
		const options = page.locator('.el-select-dropdown__item:visible');
		await options.first().waitFor({ timeout: 10000 });
		const optionTexts = (await options.allInnerTexts()).map((t) => t.trim());
		// An entry is its name, then its description (if any) on the next line.
		const shown = optionTexts.map((t) => t.split('\n')[0].trim());
		const requestEntry = optionTexts.find((t) => t.startsWith('Hex API Request'));
		assert(
			/rather than Custom API Call/.test(requestEntry ?? ''),
			`Hex API Request has no hint beside Custom API Call: ${JSON.stringify(requestEntry)}`,
		);
		await step('resources');
		const extra = [...shown];
		for (const name of expected.resources) {
			const at = extra.indexOf(name);
			assert(at >= 0, `Resource dropdown lacks ${name}: ${JSON.stringify(shown)}`);
			extra.splice(at, 1);
		}
		assert(
			extra.length === 0 || (extra.length === 1 && extra[0] === 'Custom API Call'),
			`Resource dropdown has entries the description does not: ${JSON.stringify(extra)}`,
		);
		await page.keyboard.press('Escape');

		// Run → Start as a new user sees it: one field per label, notifications in fill-in order.
		const labelLines = async () =>
			(await ndv.innerText())
				.split('\n')
				.map((line) => line.replace(/\s+/g, ' ').trim())
				.filter(Boolean);
		const count = (lines, text) => lines.filter((line) => line === text).length;
		const modeInput = ndv.locator('[data-test-id="parameter-input-inputParametersMode"]');
		await modeInput.waitFor({ timeout: 10000 });
		await modeInput.click();
		const fieldsOption = page
			.locator('.el-select-dropdown__item:visible', { hasText: 'Using Fields Below' })
			.first();
		await fieldsOption.waitFor({ timeout: 10000 });
		await fieldsOption.click();
		await ndv.getByText('Add Input Parameter').first().waitFor({ timeout: 10000 });
		let lines = await labelLines();
		assert(
			count(lines, 'Specify Input Parameters') === 1 && count(lines, 'Input Parameters') === 1,
			`Run → Start labels: ${JSON.stringify(lines.filter((l) => /Input Parameters/.test(l)))}`,
		);
		await ndv.getByText('Add Notification').first().click();
		await ndv.getByText('Notify When').first().waitFor({ timeout: 10000 });
		lines = await labelLines();
		const notificationOrder = [
			'Notify When',
			'Recipient Group IDs',
			'Recipient Slack Channel IDs',
			'Recipient User IDs',
			'Subject',
			'Text',
			'With Success Screenshot',
		].map((label) => lines.indexOf(label));
		assert(
			notificationOrder.every((at, i) => at >= 0 && (i === 0 || at > notificationOrder[i - 1])),
			`notification fields shown as ${JSON.stringify(lines)}`,
		);
		await settled(page, 'Run → Start did not settle after adding a notification');
		const runStartShot = await page.screenshot();
		await step('run-start');

		// Back on the canvas the node's subtitle is the action, not "start: run".
		await page.locator('[data-test-id="ndv-close-button"]').first().click();
		await ndv.waitFor({ state: 'hidden', timeout: 10000 });
		// n8n names the new node after the action too: name and subtitle then both read it.
		const canvasNode = page
			.locator('[data-test-id="canvas-node"]')
			.filter({ has: page.locator('img[src*="hex"]') })
			.first();
		await canvasNode.waitFor({ timeout: 10000 });
		const canvasLines = (await canvasNode.innerText())
			.split('\n')
			.map((line) => line.trim())
			.filter(Boolean);
		assert(
			count(canvasLines, expected.defaultAction) === 2 && !canvasLines.includes('start: run'),
			`the Hex node on the canvas reads ${JSON.stringify(canvasLines)}`,
		);

		await mkdir(dirname(screenshotPath), { recursive: true });
		await writeFile(screenshotPath, screenshot);
		await writeFile(runStartPath, runStartShot);
		const seconds = (ms) => `${(ms / 1000).toFixed(1)}s`;
		console.log(
			`editor PASS n8n ${runtime.version}: node creator finds "${expected.displayName}", icon ${new URL(iconUrl).pathname} ` +
				`served 200 and rendered, ${expected.resources.length} resources in the Resource dropdown` +
				`${extra.length ? " (plus n8n's own Custom API Call)" : ''}; Run → Start: one "Input Parameters", notifications in fill-in order, canvas subtitle "${expected.defaultAction}"; ` +
				`screenshots ${relative(REPO_ROOT, screenshotPath)}, ${relative(REPO_ROOT, runStartPath)}; ` +
				`n8n ready in ${seconds(timings.n8nStart)}, total ${seconds(Date.now() - started)}` +
				`${blocked.length ? `; blocked ${blocked.length} requests to other hosts (${[...new Set(blocked)].join(', ')})` : ''}`,
		);
	} catch (error) {
		await page?.screenshot({ path: join(work, 'failure.png') }).catch(() => {});
		error.hint = `(n8n log: ${n8n?.logFile ?? 'n8n did not start'}; screenshots in ${work}${keep ? '' : ', removed: use --keep'})`;
		throw error;
	} finally {
		await context?.close().catch(() => {});
		await n8n?.stop();
		if (!keep) await rm(work, { recursive: true, force: true });
	}
}

main().catch((error) => {
	const detail = error instanceof Check ? error.message : error.stack;
	console.error(
		`editor FAIL n8n ${runtime?.version ?? wanted}: ${detail}${error.hint ? `\n${error.hint}` : ''}`,
	);
	process.exitCode = 1;
});
