import { digest } from './random';

/*
 * The fake's chart renderer: a valid 2×2 PNG per chart of a run, the same bytes for the same
 * chart and run. Its colour comes from the static ID and a tEXt chunk names the chart and the
 * run, so a test (or a mail sink) can tell whose image arrived.
 */

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

/** CRC-32 as PNG computes it (over the chunk type and data). */
export function crc32(bytes: Buffer): number {
	let crc = 0xffffffff;
	for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

/** A zlib stream of one stored (uncompressed) deflate block: enough for a few bytes of pixels. */
function zlibStored(data: Buffer): Buffer {
	let a = 1;
	let b = 0;
	for (const byte of data) {
		a = (a + byte) % 65521;
		b = (b + a) % 65521;
	}
	const header = Buffer.from([0x78, 0x01, 0x01, 0, 0, 0, 0]); // CMF, FLG, final stored block
	header.writeUInt16LE(data.length, 3);
	header.writeUInt16LE(~data.length & 0xffff, 5);
	const adler = Buffer.alloc(4);
	adler.writeUInt32BE(((b << 16) | a) >>> 0);
	return Buffer.concat([header, data, adler]);
}

function chunk(type: string, data: Buffer): Buffer {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(body));
	return Buffer.concat([length, body, crc]);
}

/** The tEXt chunk's text: what a test reads back from an image. */
export function chartPngText(staticId: string, runId: string): string {
	return `Hex chart ${staticId} of run ${runId}`;
}

/** The PNG the fake renders for the chart `staticId` of run `runId`. */
export function chartPng(staticId: string, runId: string): Buffer {
	const size = 2;
	const header = Buffer.alloc(13);
	header.writeUInt32BE(size, 0);
	header.writeUInt32BE(size, 4);
	header[8] = 8; // bit depth
	header[9] = 2; // colour type: RGB
	// Compression, filter and interlace methods stay 0.
	const rgb = Buffer.from(digest(`chart:${staticId}`, 6), 'hex');
	const row = Buffer.concat([Buffer.from([0]), rgb, rgb]); // filter type 0, two pixels
	const pixels = zlibStored(Buffer.concat([row, row]));
	const text = Buffer.from(`Comment\0${chartPngText(staticId, runId)}`, 'latin1');
	return Buffer.concat([
		SIGNATURE,
		chunk('IHDR', header),
		chunk('tEXt', text),
		chunk('IDAT', pixels),
		chunk('IEND', Buffer.alloc(0)),
	]);
}

/** The tEXt chunks of a PNG (keyword → text); throws on a bad signature or CRC. */
export function pngTextChunks(png: Buffer): Record<string, string> {
	if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG: bad signature');
	const texts: Record<string, string> = {};
	for (let at = 8; at < png.length; ) {
		const length = png.readUInt32BE(at);
		const body = png.subarray(at + 4, at + 8 + length);
		if (png.readUInt32BE(at + 8 + length) !== crc32(body)) throw new Error('bad PNG chunk CRC');
		const type = body.subarray(0, 4).toString('latin1');
		if (type === 'tEXt') {
			const [keyword, text] = body.subarray(4).toString('latin1').split('\0');
			texts[keyword] = text;
		}
		at += 12 + length;
	}
	return texts;
}
