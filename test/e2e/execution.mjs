// Helpers shared by the end-to-end scripts that run workflows with `n8n execute` (run.mjs, ai.mjs):
// the check error, reading the execution JSON n8n prints, and short error texts.

/** A failed check: its message is the whole story (no stack trace in the report). */
export class Check extends Error {}

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
