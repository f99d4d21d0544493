import { createHash } from 'crypto';

/** Seeded PRNG (mulberry32): the fake's data must be identical for the same seed on every run. */
export class Random {
	private s: number;

	constructor(seed: number) {
		this.s = seed >>> 0;
	}

	/** Float in [0, 1). */
	next(): number {
		this.s = (this.s + 0x6d2b79f5) >>> 0;
		let t = this.s;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/** Integer in [min, max]. */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	bool(probability = 0.5): boolean {
		return this.next() < probability;
	}

	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.next() * items.length)];
	}

	/** Up to `max` distinct items, in their original order. */
	sample<T>(items: readonly T[], max: number): T[] {
		const wanted = this.int(0, Math.min(max, items.length));
		const chosen = new Set<number>();
		while (chosen.size < wanted) chosen.add(this.int(0, items.length - 1));
		return [...chosen].sort((a, b) => a - b).map((i) => items[i]);
	}

	hex(length: number): string {
		let out = '';
		while (out.length < length) out += Math.floor(this.next() * 16).toString(16);
		return out;
	}

	/** RFC 4122 version-4 shaped UUID (Hex's spec validates several ids as uuid). */
	uuid(): string {
		const h = this.hex(32).split('');
		h[12] = '4';
		h[16] = '89ab'[parseInt(h[16], 16) % 4];
		const s = h.join('');
		return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
	}
}

/** Deterministic hex digest, used for tokens and trace ids. */
export function digest(text: string, length = 64): string {
	let out = '';
	for (let i = 0; out.length < length; i++) {
		out += createHash('sha256').update(`${i}:${text}`).digest('hex');
	}
	return out.slice(0, length);
}
