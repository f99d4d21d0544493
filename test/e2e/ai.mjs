// Hex as an AI agent's tool, end to end in real n8n (npm run test:ai; expects `npm run build`).
// For each runtime in N8N_RUNTIMES: the fake Hex server and a scripted OpenAI-compatible model
// (scripted-llm.mjs) on 127.0.0.1, an n8n user folder with a Hex and an OpenAI credential (base
// URL = the scripted model), and examples/hex-ai-agent-tools.json imported once per scenario: its
// AI Agent, OpenAI Chat Model and three Hex Tool nodes (CUSTOM.hexTool, parameters filled with
// $fromAI) as they are, with the Chat Trigger's place taken by a Manual Trigger and a Set node
// that sends the scenario's chat message (`n8n execute` starts only from a Manual Trigger). Each
// scenario runs with `n8n execute --id`; its script plays the model (tool calls in OpenAI's wire
// format, then a final answer built from the tool results) and the checks look at what the model
// was shown (tool names, descriptions, parameter schemas, tool results), the requests the fake
// Hex received and the agent's final answer. One `e2e PASS|FAIL <runtime> ai-<scenario>` line per
// scenario and runtime. Options: --runtime=<version|1|2> (repeatable); --keep keeps the folders.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
	Check,
	assert,
	executeWorkflow,
	importIntoN8n,
	requireBuild,
	runCases,
	runEveryRuntime,
	runtimesFromArgs,
} from './execution.mjs';
import { hexCredential } from './examples.mjs';
import { publishedProjects, startFakeHex } from './fake-hex.mjs';
import { N8N_RUNTIMES, REPO_ROOT, ensureN8n, n8nCli } from './runtime.mjs';
import { startScriptedLlm } from './scripted-llm.mjs';

const EXAMPLE = 'hex-ai-agent-tools.json';
const HEX_CREDENTIAL_ID = 'e2eAiHexCredential';
const OPENAI_CREDENTIAL_ID = 'e2eAiOpenAiCredent';
const OPENAI_KEY = 'sk-scripted-model-not-a-real-key';
const AGENT = 'Hex Agent';
const DAY_MS = 86_400_000;
// A UUID no project or run of the fake workspace has.
const UNKNOWN_RUN_ID = '0badc0de-0000-4000-8000-000000000404';

/** What the model must be shown for each Hex tool: its description and its parameters. */
const EXPECTED_TOOLS = {
	Run_Hex_Project: {
		description:
			"Run a published Hex project with input values and wait until the run finishes. Returns the run's status (COMPLETED, ERRORED, KILLED or UNABLE_TO_ALLOCATE_KERNEL), runId and runUrl, the link to the run's results.",
		parameters: {
			projectId: 'ID of the Hex project to run, a UUID',
			inputs:
				'Input values of the published app as a JSON object of input name to value, e.g. {"region": "EMEA"}',
		},
	},
	// Set automatically by n8n: the operation's action and the node's default name.
	Get_Hex_Users: { description: 'Get many users in Hex', parameters: {} },
	Get_Hex_Run: {
		description:
			'Get the status of a Hex run: PENDING, RUNNING, COMPLETED, ERRORED, KILLED or UNABLE_TO_ALLOCATE_KERNEL, with its runUrl, start and end times.',
		parameters: {
			projectId: 'ID of the Hex project the run belongs to, a UUID',
			runId: 'ID of the run, a UUID',
		},
	},
};

function messageText(message) {
	if (typeof message?.content === 'string') return message.content;
	if (Array.isArray(message?.content))
		return message.content.map((part) => part.text ?? '').join('');
	return '';
}

function userPrompt(body) {
	return messageText(body.messages.findLast((m) => m.role === 'user'));
}

/** The tool results in a request, in call order: [{ id, name, content, value }]. */
function toolResults(body) {
	const calls = new Map();
	for (const message of body.messages) {
		for (const call of message.tool_calls ?? []) calls.set(call.id, call.function.name);
	}
	return body.messages
		.filter((m) => m.role === 'tool')
		.map((m) => {
			const content = messageText(m);
			let value;
			try {
				value = JSON.parse(content);
			} catch {
				value = content;
			}
			return { id: m.tool_call_id, name: calls.get(m.tool_call_id), content, value };
		});
}

/** Every object in a tool result (n8n wraps items in arrays, sometimes in { response }). */
function objectsIn(value) {
	if (Array.isArray(value)) return value.flatMap(objectsIn);
	if (value && typeof value === 'object') {
		return [
			value,
			...Object.values(value).flatMap((v) => (typeof v === 'object' ? objectsIn(v) : [])),
		];
	}
	if (typeof value === 'string' && /^[[{]/.test(value.trim())) {
		try {
			return objectsIn(JSON.parse(value));
		} catch {
			return [];
		}
	}
	return [];
}

/** The error text of a tool result, if it is one. */
function toolError(result) {
	const withError = objectsIn(result.value).find((o) => typeof o.error === 'string');
	if (withError) return withError.error;
	return /error/i.test(result.content) ? result.content : undefined;
}

/** What the model was shown about the Hex tools, as the checks compare it. */
function shownTools(body) {
	return Object.fromEntries(
		(body.tools ?? []).map((tool) => {
			const fn = tool.function ?? {};
			const properties = fn.parameters?.properties ?? {};
			return [
				fn.name,
				{
					description: fn.description,
					parameters: Object.fromEntries(
						Object.entries(properties).map(([key, schema]) => [key, schema.description]),
					),
					required: [...(fn.parameters?.required ?? [])].sort(),
				},
			];
		}),
	);
}

function checkToolsShown(body) {
	const shown = shownTools(body);
	const names = Object.keys(shown).sort();
	const expected = Object.keys(EXPECTED_TOOLS).sort();
	assert(
		JSON.stringify(names) === JSON.stringify(expected),
		`the model was shown the tools ${names.join(', ')}, expected ${expected.join(', ')}`,
	);
	for (const [name, want] of Object.entries(EXPECTED_TOOLS)) {
		const got = shown[name];
		assert(
			got.description === want.description,
			`${name} was described to the model as ${JSON.stringify(got.description)}`,
		);
		assert(
			JSON.stringify(got.parameters) === JSON.stringify(want.parameters),
			`${name} showed the parameters ${JSON.stringify(got.parameters)}, expected ${JSON.stringify(want.parameters)}`,
		);
		assert(
			JSON.stringify(got.required) === JSON.stringify(Object.keys(want.parameters).sort()),
			`${name} marks ${JSON.stringify(got.required)} as required`,
		);
	}
}

function finalAnswer(execution) {
	const runs = execution.data?.resultData?.runData?.[AGENT];
	const items = runs?.at(-1)?.data?.main?.[0] ?? [];
	assert(items.length === 1, `${AGENT} output ${items.length} items, expected 1`);
	return items[0].json.output;
}

/** The model's turns: the script is called with each request and the turn number (1, 2, …). */
const SCENARIOS = [
	{
		key: 'run-and-wait',
		prepare(ctx) {
			ctx.project = publishedProjects(ctx.fake)[0];
			ctx.fake.state.setRunOutcome(ctx.project.id, { status: 'COMPLETED', pollsBeforeTerminal: 2 });
			return `Run the weekly revenue report (Hex project ${ctx.project.id}) for the EMEA region and tell me when it's done.`;
		},
		reply(body, turn, ctx) {
			if (turn === 1) {
				const id = /project ([0-9a-f-]{36})/.exec(userPrompt(body))?.[1];
				assert(id, 'the prompt did not reach the model');
				return {
					toolCalls: [
						{ name: 'Run_Hex_Project', arguments: { projectId: id, inputs: { region: 'EMEA' } } },
					],
				};
			}
			const [result] = toolResults(body);
			assert(result?.name === 'Run_Hex_Project', 'the model got no Run_Hex_Project result');
			const run = objectsIn(result.value).find((o) => o.runUrl && o.status);
			assert(run, `the Run_Hex_Project result has no run status: ${result.content.slice(0, 300)}`);
			ctx.shownRun = run;
			return {
				content: `The weekly revenue report for EMEA finished with status ${run.status}. Results: ${run.runUrl}`,
			};
		},
		check(execution, ctx) {
			const starts = ctx.requests.filter((r) => r.operationId === 'RunProject');
			assert(starts.length === 1, `${starts.length} RunProject requests, expected 1`);
			assert(
				starts[0].path.endsWith(`/v1/projects/${ctx.project.id}/runs`),
				`the run was started at ${starts[0].path}`,
			);
			const inputs = starts[0].body?.inputParams;
			assert(
				JSON.stringify(inputs) === '{"region":"EMEA"}',
				`RunProject inputs were ${JSON.stringify(inputs)}, expected the model's {"region":"EMEA"}`,
			);
			const polls = ctx.requests.filter((r) => r.operationId === 'GetRunStatus').length;
			assert(
				polls >= 3,
				`${polls} status polls, expected at least 3 (PENDING, RUNNING, COMPLETED)`,
			);
			const stored = ctx.fake.state.findRun(ctx.project.id, ctx.shownRun.runId);
			assert(
				stored?.status === 'COMPLETED',
				'the fake workspace has no completed run with the id the model saw',
			);
			assert(
				ctx.shownRun.status === 'COMPLETED',
				`the model was shown status ${ctx.shownRun.status}`,
			);
			const answer = finalAnswer(execution);
			const expected = `The weekly revenue report for EMEA finished with status COMPLETED. Results: ${stored.runUrl}`;
			assert(answer === expected, `the agent answered ${JSON.stringify(answer)}`);
			return `model started the run with {"region":"EMEA"}, tool waited ${polls} polls, answer has the run URL`;
		},
	},
	{
		key: 'inactive-users',
		prepare(ctx) {
			// Generated logins are relative to a fixed past date; make a third of the users recent.
			const now = Date.now();
			ctx.fake.state.users.forEach((user, i) => {
				if (i % 3 === 1) user.lastLoginDate = new Date(now - (i + 1) * DAY_MS).toISOString();
			});
			const cutoff = now - 90 * DAY_MS;
			const inactive = (u) => !u.lastLoginDate || Date.parse(u.lastLoginDate) < cutoff;
			ctx.users = ctx.fake.state.activeUsers();
			ctx.expected = ctx.users.filter(inactive).map((u) => u.email);
			assert(
				ctx.expected.length > 0 && ctx.expected.length < ctx.users.length,
				'seed gives no mix of users',
			);
			return "Who hasn't logged in to Hex for 90 days?";
		},
		reply(body, turn, ctx) {
			if (turn === 1) return { toolCalls: [{ name: 'Get_Hex_Users', arguments: {} }] };
			const [result] = toolResults(body);
			assert(result?.name === 'Get_Hex_Users', 'the model got no Get_Hex_Users result');
			const users = objectsIn(result.value).filter(
				(o) => typeof o.email === 'string' && 'lastLoginDate' in o,
			);
			ctx.shownUsers = users.length;
			const cutoff = Date.now() - 90 * DAY_MS;
			const inactive = users.filter(
				(u) => !u.lastLoginDate || Date.parse(u.lastLoginDate) < cutoff,
			);
			return {
				content: `${inactive.length} of ${users.length} users have not logged in for 90 days: ${inactive.map((u) => u.email).join(', ')}.`,
			};
		},
		check(execution, ctx) {
			const lists = ctx.requests.filter((r) => r.operationId === 'ListUsers');
			assert(
				lists.length === 1,
				`${lists.length} ListUsers requests, expected 1 (one page of 500)`,
			);
			assert(
				ctx.shownUsers === ctx.users.length,
				`the model was shown ${ctx.shownUsers} users, the workspace has ${ctx.users.length}`,
			);
			const answer = finalAnswer(execution);
			const match = /^(\d+) of (\d+) users have not logged in for 90 days: (.*)\.$/.exec(
				answer ?? '',
			);
			assert(match, `the agent answered ${JSON.stringify(answer)}`);
			const named = match[3].split(', ');
			assert(
				JSON.stringify([...named].sort()) === JSON.stringify([...ctx.expected].sort()),
				`the answer names ${named.length} users, expected the ${ctx.expected.length} inactive ones`,
			);
			return `${ctx.expected.length} of ${ctx.users.length} users picked as inactive from the tool result`;
		},
	},
	{
		key: 'bad-id',
		prepare(ctx) {
			ctx.project = publishedProjects(ctx.fake)[1];
			return `Did run 42 of Hex project ${ctx.project.id} finish? And run ${UNKNOWN_RUN_ID}?`;
		},
		reply(body, turn, ctx) {
			if (turn === 1) {
				const projectId = /project ([0-9a-f-]{36})/.exec(userPrompt(body))?.[1];
				assert(projectId, 'the prompt did not reach the model');
				return {
					toolCalls: [
						{ name: 'Get_Hex_Run', arguments: { projectId, runId: '42' } },
						{ name: 'Get_Hex_Run', arguments: { projectId, runId: UNKNOWN_RUN_ID } },
					],
				};
			}
			const results = toolResults(body);
			assert(results.length === 2, `the model got ${results.length} tool results, expected 2`);
			ctx.errors = results.map(toolError);
			assert(
				ctx.errors.every(Boolean),
				`a Get_Hex_Run result is not an error: ${results.map((r) => r.content.slice(0, 200)).join(' | ')}`,
			);
			const [badFormat, notFound] = ctx.errors;
			const explain = (runId, error) =>
				/not a Hex ID/i.test(error)
					? `"${runId}" is not a run ID (Hex IDs are UUIDs)`
					: /\b404\b/.test(error)
						? `run ${runId} was not found in that project`
						: `run ${runId} could not be read (${error})`;
			return {
				content: `I could not check either run: ${explain('42', badFormat)}, and ${explain(UNKNOWN_RUN_ID, notFound)}. Send me the run IDs from the run links.`,
			};
		},
		check(execution, ctx) {
			const [badFormat, notFound] = ctx.errors;
			assert(
				/Run ID/.test(badFormat) &&
					/not a Hex ID/.test(badFormat) &&
					/UUID/.test(badFormat) &&
					badFormat.includes('42'),
				`the error the model got for run "42" is ${JSON.stringify(badFormat)}; it should name Run ID, say it is not a Hex ID (a UUID) and quote the value`,
			);
			assert(
				/Hex API error 404/.test(notFound) && notFound.includes(UNKNOWN_RUN_ID),
				`the error the model got for the unknown run is ${JSON.stringify(notFound)}`,
			);
			const gets = ctx.requests.filter((r) => r.operationId === 'GetRunStatus');
			assert(
				gets.length === 1 &&
					gets[0].path.endsWith(`/v1/projects/${ctx.project.id}/runs/${UNKNOWN_RUN_ID}`),
				`Hex received ${gets.map((r) => r.path).join(', ') || 'no run request'}; expected only the UUID one (the bad ID is refused before sending)`,
			);
			assert(ctx.requests.length === 1, `Hex received ${ctx.requests.length} requests, expected 1`);
			const answer = finalAnswer(execution);
			const expected = `I could not check either run: "42" is not a run ID (Hex IDs are UUIDs), and run ${UNKNOWN_RUN_ID} was not found in that project. Send me the run IDs from the run links.`;
			assert(answer === expected, `the agent answered ${JSON.stringify(answer)}`);
			return 'malformed ID refused before sending, unknown ID → 404; both came back as tool results the model explained';
		},
	},
];

/** The example as imported here: local node types, test credentials, the scenario's chat message. */
async function workflowFor(scenario, prompt, id) {
	const workflow = JSON.parse(await readFile(join(REPO_ROOT, 'examples', EXAMPLE), 'utf8'));
	workflow.id = id;
	workflow.name = `${workflow.name} (e2e ${scenario.key})`;
	workflow.active = false;
	const trigger = workflow.nodes.find((n) => n.type === '@n8n/n8n-nodes-langchain.chatTrigger');
	assert(trigger, `${EXAMPLE} has no Chat Trigger`);
	workflow.nodes = workflow.nodes.filter((n) => n !== trigger);
	delete workflow.connections[trigger.name];
	for (const node of workflow.nodes) {
		node.type = node.type.replace(/^n8n-nodes-hex\./, 'CUSTOM.');
		if (node.credentials?.hexApi)
			node.credentials.hexApi = { id: HEX_CREDENTIAL_ID, name: 'Hex API (fake)' };
		if (node.credentials?.openAiApi)
			node.credentials.openAiApi = { id: OPENAI_CREDENTIAL_ID, name: 'Scripted model' };
		if (node.parameters?.pollInterval !== undefined) node.parameters.pollInterval = 2;
	}
	workflow.nodes.push(
		{
			parameters: {},
			id: 'e2e00000-0000-4000-8000-000000000001',
			name: 'Manual Trigger',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [-440, 0],
		},
		{
			parameters: {
				assignments: {
					assignments: [
						{ id: 'e2e-chat-input', name: 'chatInput', value: prompt, type: 'string' },
						{
							id: 'e2e-session-id',
							name: 'sessionId',
							value: `e2e-${scenario.key}`,
							type: 'string',
						},
					],
				},
				options: {},
			},
			id: 'e2e00000-0000-4000-8000-000000000002',
			name: 'Chat Message',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [-220, 0],
		},
	);
	workflow.connections['Manual Trigger'] = {
		main: [[{ node: 'Chat Message', type: 'main', index: 0 }]],
	};
	workflow.connections['Chat Message'] = { main: [[{ node: AGENT, type: 'main', index: 0 }]] };
	assert(!/REPLACE_WITH_/.test(JSON.stringify(workflow)), `${EXAMPLE} still has a placeholder`);
	return workflow;
}

async function runRuntime(runtime, { keep }) {
	const results = [];
	const installStarted = Date.now();
	await ensureN8n(runtime.version);
	const installSeconds = (Date.now() - installStarted) / 1000;
	const userFolder = await mkdtemp(join(tmpdir(), `n8n-e2e-ai-${runtime.version}-`));
	const fake = await startFakeHex({ seed: 13, users: 45, projects: 12, dataConnections: 3 });
	let current;
	const llm = await startScriptedLlm((body, turn) => {
		assert(current, 'the model was called outside a scenario');
		return current.scenario.reply(body, turn, current.ctx);
	});
	const started = Date.now();
	const cli = async (args, env = {}) => {
		const result = await n8nCli(runtime.version, args, { userFolder, env });
		const printed = `${result.stdout}${result.stderr}`;
		assert(!printed.includes(fake.token), `n8n ${args[0]} printed the Hex API token`);
		assert(!printed.includes(OPENAI_KEY), `n8n ${args[0]} printed the OpenAI API key`);
		return result;
	};
	try {
		await importIntoN8n(cli, userFolder, 'credentials', [
			hexCredential({ id: HEX_CREDENTIAL_ID, name: 'Hex API (fake)' }, fake),
			{
				id: OPENAI_CREDENTIAL_ID,
				name: 'Scripted model',
				type: 'openAiApi',
				data: { apiKey: OPENAI_KEY, url: llm.baseUrl, header: false },
			},
		]);

		const planned = [];
		for (const [index, scenario] of SCENARIOS.entries()) {
			const ctx = { fake };
			const prompt = await scenario.prepare(ctx);
			planned.push({ scenario, ctx, prompt, id: `e2eAiAgent${index + 1}` });
		}
		await importIntoN8n(
			cli,
			userFolder,
			'workflow',
			await Promise.all(planned.map((p) => workflowFor(p.scenario, p.prompt, p.id))),
		);

		const name = (run) => `ai-${run.scenario.key}`;
		results.push(
			...(await runCases(runtime.version, planned, name, async (run) => {
				const { scenario, ctx } = run;
				fake.reset();
				llm.reset();
				current = run;
				let execution;
				try {
					execution = await executeWorkflow(cli, run.id);
				} catch (error) {
					// A refused request fails the execution; the refusal says why.
					if (llm.errors.length) throw new Check(`the scripted model refused: ${llm.errors[0]}`);
					throw error;
				} finally {
					current = undefined;
					ctx.requests = [...fake.requests];
				}
				assert(llm.errors.length === 0, `the scripted model refused a request: ${llm.errors[0]}`);
				assert(
					fake.internalErrors.length === 0,
					`the fake Hex server broke its own spec: ${fake.internalErrors[0]}`,
				);
				assert(
					llm.requests.length === 2,
					`the model was called ${llm.requests.length} times, expected 2`,
				);
				for (const request of llm.requests) checkToolsShown(request.body);
				assert(
					llm.requests.every((r) => r.headers.authorization === `Bearer ${OPENAI_KEY}`),
					'the model was not called with the OpenAI credential',
				);
				assert(
					!llm.requests.some((r) => JSON.stringify(r.body).includes(fake.token)),
					'the Hex API token was shown to the model',
				);
				return await scenario.check(execution, ctx);
			})),
		);
	} finally {
		await fake.close();
		await llm.close();
		if (!keep) await rm(userFolder, { recursive: true, force: true });
		else console.log(`kept n8n user folder ${userFolder}`);
	}
	console.log(
		`e2e ai ${runtime.label} (${runtime.version}): waited ${installSeconds.toFixed(1)} s for the install (0 when cached), scenarios ${((Date.now() - started) / 1000).toFixed(1)} s`,
	);
	return results;
}

async function main() {
	const args = process.argv.slice(2);
	const keep = args.includes('--keep');
	const runtimes = runtimesFromArgs(args, N8N_RUNTIMES);
	requireBuild(REPO_ROOT, 'test:ai');
	for (const runtime of runtimes) ensureN8n(runtime.version).catch(() => {});
	await runEveryRuntime(runtimes, (runtime) => runRuntime(runtime, { keep }), {
		script: 'e2e ai',
		count: SCENARIOS.length,
		noun: 'scenario',
	});
}

main().catch((error) => {
	console.error(`e2e ai failed: ${error.stack ?? error}`);
	process.exit(1);
});
