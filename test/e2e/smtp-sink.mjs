// A tiny SMTP server on 127.0.0.1 for end-to-end tests: just enough SMTP for nodemailer (n8n's
// Send Email node): greeting, EHLO/HELO, MAIL FROM, RCPT TO, DATA, RSET, NOOP, QUIT. It offers no
// STARTTLS and no AUTH, and records every message it accepts.
import { createServer } from 'node:net';

/** onMessage(message), when given, is called with each message accepted. */
export async function startSmtpSink({ onMessage } = {}) {
	const messages = [];
	const sockets = new Set();
	const server = createServer((socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		socket.on('error', () => socket.destroy());
		socket.setEncoding('utf8');
		let buffer = '';
		let envelope = { from: undefined, to: [] };
		let inData = false;
		const reply = (line) => socket.write(`${line}\r\n`);
		reply('220 smtp-sink.local ESMTP ready');
		socket.on('data', (chunk) => {
			buffer += chunk;
			for (;;) {
				if (inData) {
					const end = buffer.indexOf('\r\n.\r\n');
					if (end === -1) return;
					const raw = buffer.slice(0, end).replace(/^\.\./gm, '.');
					buffer = buffer.slice(end + 5);
					inData = false;
					const message = { from: envelope.from, to: envelope.to, raw };
					messages.push(message);
					onMessage?.(message);
					envelope = { from: undefined, to: [] };
					reply('250 2.0.0 queued');
					continue;
				}
				const newline = buffer.indexOf('\r\n');
				if (newline === -1) return;
				const line = buffer.slice(0, newline);
				buffer = buffer.slice(newline + 2);
				const verb = line.slice(0, 4).toUpperCase();
				if (verb === 'EHLO') {
					reply('250-smtp-sink.local');
					reply('250-8BITMIME');
					reply('250-SMTPUTF8');
					reply('250 SIZE 10485760');
				} else if (verb === 'HELO') reply('250 smtp-sink.local');
				else if (verb === 'MAIL') {
					envelope.from = /<([^>]*)>/.exec(line)?.[1];
					reply('250 2.1.0 ok');
				} else if (verb === 'RCPT') {
					envelope.to.push(/<([^>]*)>/.exec(line)?.[1]);
					reply('250 2.1.5 ok');
				} else if (verb === 'DATA') {
					inData = true;
					reply('354 end data with <CR><LF>.<CR><LF>');
				} else if (verb === 'RSET') {
					envelope = { from: undefined, to: [] };
					reply('250 2.0.0 ok');
				} else if (verb === 'NOOP') reply('250 2.0.0 ok');
				else if (verb === 'QUIT') {
					reply('221 2.0.0 bye');
					socket.end();
					return;
				} else reply('502 5.5.2 command not implemented');
			}
		});
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	return {
		host: '127.0.0.1',
		port: server.address().port,
		messages,
		close: () =>
			new Promise((resolve) => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			}),
	};
}

/** The text of a recorded message, with quoted-printable soft line breaks and escapes undone. */
export function messageText(raw) {
	return raw
		.replace(/=\r\n/g, '')
		.replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
}

/** Header lines of a MIME part (folded lines joined), names lower-cased. */
function partHeaders(text) {
	const headers = {};
	for (const line of text.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
		const colon = line.indexOf(':');
		if (colon > 0)
			headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
	}
	return headers;
}

/**
 * The base64-encoded file parts of a recorded multipart message, as nodemailer sends
 * attachments: [{ filename, contentType, disposition, content: Buffer }], in message order.
 */
export function mailAttachments(raw) {
	const attachments = [];
	const walk = (text) => {
		const split = text.indexOf('\r\n\r\n');
		const headers = partHeaders(split === -1 ? text : text.slice(0, split));
		const body = split === -1 ? '' : text.slice(split + 4);
		const type = headers['content-type'] ?? '';
		const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
		if (/^multipart\//i.test(type) && boundary) {
			const parts = body.split(`--${boundary}`).slice(1);
			for (const part of parts) {
				if (part.startsWith('--')) break;
				walk(part.replace(/^\r\n/, ''));
			}
			return;
		}
		if (!/base64/i.test(headers['content-transfer-encoding'] ?? '')) return;
		const disposition = headers['content-disposition'] ?? '';
		const filename =
			/filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? /name="?([^";]+)"?/i.exec(type)?.[1];
		attachments.push({
			filename,
			contentType: type.split(';')[0].trim(),
			disposition: disposition.split(';')[0].trim(),
			content: Buffer.from(body.replace(/\s+/g, ''), 'base64'),
		});
	};
	walk(raw);
	return attachments;
}
