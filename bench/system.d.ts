// Types of system.js (plain JS: it uses what the strict lint forbids in .ts files).

export interface Job {
	mode: 'full' | 'smoke';
	/** Only for memory jobs: one list run by one client in a fresh process. */
	memory?: { client: 'raw' | 'node'; users: number; latencyMs: number; out: string };
	/** `npm run bench -- --trigger`: the trigger simulation alone, merged into the last results. */
	only?: 'trigger';
}

export function job(): Job | undefined;
export function memory(): { rss: number; maxRss: number; heapUsed: number };
/** CPU time this process has used (all its threads, user + system), in ms. */
export function cpuMs(): number;
export function collectGarbage(): void;
export function writeJson(name: string, value: unknown): void;
export function resultsFile(mode: Job['mode']): string;
export function readJson(name: string): unknown;
export function writeText(name: string, text: string): void;
export function platform(): {
	node: string;
	platform: string;
	cpus: number;
	cpuModel: string;
	loadAverage: number[];
};
/** n8n's HTTP Request node type (n8n-nodes-base matching n8n-core's version). */
export function httpRequestNodeType(): import('n8n-workflow').IVersionedNodeType;
