const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

/**
 * PEM blocks with their line breaks: a one-line (password) box turns them into spaces or drops
 * them, and a JSON-escaped key carries a literal \n. The base64 body is rewrapped at 64
 * characters. A block with headers (legacy encrypted keys) is left as it is.
 */
export function normalizePem(text: string): string {
	const unescaped = text.replace(/\\r\\n|\\n/g, '\n').replace(/\r\n?/g, '\n');
	if (!unescaped.includes('-----BEGIN ')) return text;
	const rebuilt = unescaped.trim().replace(PEM_BLOCK, (block, label: string, body: string) => {
		if (body.includes(':')) return block;
		const lines = body.replace(/\s+/g, '').match(/.{1,64}/g) ?? [];
		return [`-----BEGIN ${label}-----`, ...lines, `-----END ${label}-----`].join('\n');
	});
	// A chain of blocks (certificates): one line break between them.
	return rebuilt.replace(/-----\s+-----BEGIN /g, '-----\n-----BEGIN ');
}
