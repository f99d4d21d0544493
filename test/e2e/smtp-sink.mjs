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
