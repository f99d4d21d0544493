// The example workflows (examples/*.json) as a local n8n imports them, and reading what
// `n8n execute` prints (parseExecution, tail: execution.mjs); shared by the end-to-end tests (run.mjs) and the demo (demo.mjs).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { REPO_ROOT } from './runtime.mjs';

/**
 * examples/<file> with its REPLACE_WITH_… placeholders filled from `replace`, the node types
 * rewritten for a package loaded from dist/ (CUSTOM.hex), the given credentials ({ hexApi: { id,
 * name }, smtp: … }) and a fixed id. Optional: pollInterval (seconds) for waiting nodes, name,
 * dir (a folder of the repository other than examples/, e.g. test/e2e/workflows).
 */
export async function exampleWorkflow(
	file,
	{ id, replace = {}, credentials = {}, pollInterval, name, dir = 'examples' },
) {
	let text = await readFile(join(REPO_ROOT, dir, file), 'utf8');
	for (const [placeholder, value] of Object.entries(replace))
		text = text.split(placeholder).join(value);
	const workflow = JSON.parse(text);
	workflow.id = id;
	workflow.active = false;
	if (name) workflow.name = name;
	for (const node of workflow.nodes) {
		node.type = node.type.replace(/^n8n-nodes-hex\./, 'CUSTOM.');
		for (const type of Object.keys(node.credentials ?? {})) {
			if (credentials[type]) node.credentials[type] = credentials[type];
		}
		if (pollInterval && node.parameters?.pollInterval !== undefined)
			node.parameters.pollInterval = pollInterval;
	}
	if (/REPLACE_WITH_/.test(JSON.stringify(workflow))) {
		throw new Error(`${file} still has a placeholder after filling ${Object.keys(replace)}`);
	}
	return workflow;
}

/**
 * The credentials file for `n8n import:credentials`: a Hex API credential for the fake Hex
 * server `fake` and an SMTP credential for the sink `smtp` (plain data; n8n encrypts on import).
 * `hex` and `mail` are their { id, name }.
 */
export function localCredentials({ hex, mail, fake, smtp }) {
	return [
		hexCredential(hex, fake),
		{
			...mail,
			type: 'smtp',
			data: {
				user: '',
				password: '',
				host: smtp.host,
				port: smtp.port,
				secure: false,
				disableStartTls: true,
			},
		},
	];
}

/** A Hex API credential ({ id, name }) for the fake Hex server `fake`, for `n8n import:credentials`. */
export function hexCredential({ id, name }, fake) {
	return {
		id,
		name,
		type: 'hexApi',
		data: { subdomain: 'app', apiToken: fake.token, baseUrl: fake.baseUrl },
	};
}

/** Output items of a node's first run: main[outputIndex], or undefined when it did not run. */
export function outputOf(execution, nodeName, outputIndex = 0) {
	const runs = execution.data?.resultData?.runData?.[nodeName];
	if (!runs?.length) return undefined;
	return (runs[0].data?.main?.[outputIndex] ?? []).map((item) => item.json);
}
