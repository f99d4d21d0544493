// A scripted stand-in for an OpenAI chat model, for the AI agent end-to-end test (test/e2e/ai.mjs).
// It serves POST <baseUrl>/chat/completions on 127.0.0.1 in OpenAI's wire format (plain JSON, or
// server-sent events when the request says stream: true) and records every request, so a test can
// check which tools and messages the model was shown. What it answers comes from `reply(request)`,
// the test's script: it returns { toolCalls: [{ name, arguments }] } to call tools, or
// { content: 'text' } for the final answer. A script that throws (it was shown something it did
// not expect) is answered with HTTP 400 and an OpenAI error body, and the error is kept in
// `errors`, so the agent's execution fails instead of going on with a guess. `reset()` forgets the
// requests and errors and starts the turn count (reply's second argument) again at 1.
//   const llm = await startScriptedLlm(reply)  -> { baseUrl, requests, errors, reset(), close() }
import { createServer } from 'node:http';

function completion(model, message, finishReason, index) {
	return {
		id: `chatcmpl-scripted-${index}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model,
		choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }],
		usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 },
	};
}

/** The same answer as chunks of a stream: role and content or tool calls, then the finish reason. */
function chunks(model, message, finishReason, index) {
	const base = {
		id: `chatcmpl-scripted-${index}`,
		object: 'chat.completion.chunk',
		created: Math.floor(Date.now() / 1000),
		model,
	};
	const delta = { role: 'assistant', content: message.content ?? null };
	if (message.tool_calls) {
		delta.tool_calls = message.tool_calls.map((call, i) => ({ index: i, ...call }));
	}
	return [
		{ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: null }] },
		{ ...base, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: finishReason }] },
		{
			...base,
			choices: [],
			usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 },
		},
	];
}

export async function startScriptedLlm(reply) {
	const requests = [];
	const errors = [];
	let callCount = 0;
	const server = createServer((req, res) => {
		let text = '';
		req.setEncoding('utf8');
		req.on('data', (chunk) => (text += chunk));
		req.on('end', () => {
			const send = (status, body) => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(body));
			};
			if (req.method !== 'POST' || !req.url.endsWith('/chat/completions')) {
				errors.push(`unexpected ${req.method} ${req.url}`);
				send(404, {
					error: { message: `No route ${req.method} ${req.url}`, type: 'invalid_request_error' },
				});
				return;
			}
			let body;
			try {
				body = JSON.parse(text);
			} catch {
				errors.push(`request body is not JSON: ${text.slice(0, 200)}`);
				send(400, { error: { message: 'Body is not JSON', type: 'invalid_request_error' } });
				return;
			}
			requests.push({ headers: req.headers, body });
			const index = ++callCount;
			let answer;
			try {
				answer = reply(body, index);
			} catch (error) {
				errors.push(error.message);
				send(400, {
					error: { message: `Scripted model: ${error.message}`, type: 'invalid_request_error' },
				});
				return;
			}
			const message = answer.toolCalls
				? {
						role: 'assistant',
						content: null,
						tool_calls: answer.toolCalls.map((call, i) => ({
							id: `call_${index}_${i}`,
							type: 'function',
							function: { name: call.name, arguments: JSON.stringify(call.arguments ?? {}) },
						})),
					}
				: { role: 'assistant', content: answer.content };
			const finishReason = answer.toolCalls ? 'tool_calls' : 'stop';
			const model = body.model ?? 'scripted';
			if (body.stream) {
				res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
				for (const chunk of chunks(model, message, finishReason, index)) {
					res.write(`data: ${JSON.stringify(chunk)}\n\n`);
				}
				res.end('data: [DONE]\n\n');
				return;
			}
			send(200, completion(model, message, finishReason, index));
		});
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	const { port } = server.address();
	return {
		baseUrl: `http://127.0.0.1:${port}/v1`,
		requests,
		errors,
		reset() {
			requests.length = 0;
			errors.length = 0;
			callCount = 0;
		},
		close: () => new Promise((resolve) => server.close(resolve)),
	};
}
