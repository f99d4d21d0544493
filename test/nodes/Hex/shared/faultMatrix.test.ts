import { Hex } from '../../../../nodes/Hex/Hex.node';
import { clock } from '../../../../nodes/Hex/shared/hexRequest';
import type { HexRun } from '../../../harness/engine';
import type { HexTestbed } from '../../../support/hex';
import type { FakeFixture } from '../../../support/cases';
import { operationCases } from '../../../support/cases';
import { startTestbed } from '../../../support/hex';
import type { NodeOperation } from '../../../support/operations';
import { nodeOperations, specOperationFor } from '../../../support/operations';

// The node's back-off waits return at once (all go through `clock.pause`): the matrix checks
// what is sent, not how long the back-off takes. The fake's own delays stay real.
beforeAll(() => jest.spyOn(clock, 'pause').mockResolvedValue(undefined));
afterAll(() => jest.restoreAllMocks());

type Expected = 'error' | 'retried' | 'not re-sent' | 'unreadable' | 'failed unretried';

interface FaultCase {
	name: string;
	fault: Record<string, unknown>;
	expect: (method: string, paginated: boolean) => Expected;
	status?: number;
	/** Request Options → Timeout; every other case leaves a busy machine ample time. */
	timeoutMs?: number;
}

const byMethod = (method: string): Expected => (method === 'GET' ? 'retried' : 'not re-sent');
// n8n's routing engine sends a one-answer operation itself; its network errors reach n8n unretried.
const network = (method: string, paginated: boolean): Expected =>
	paginated ? byMethod(method) : 'failed unretried';

const faults: FaultCase[] = [
	...[400, 401, 403, 404, 422, 500].map((status) => ({
		name: String(status),
		fault: { status },
		status,
		expect: (): Expected => 'error',
	})),
	{
		name: '429 with Retry-After',
		fault: { status: 429, headers: { 'retry-after': '1' } },
		expect: () => 'retried',
	},
	{ name: '429 without Retry-After', fault: { status: 429 }, expect: () => 'retried' },
	...[502, 504].map((status) => ({
		name: String(status),
		fault: { status },
		status,
		expect: byMethod,
	})),
	// Hex's "no capacity" answer: nothing was done, and the error does not say it may have been.
	{
		name: '503',
		fault: { status: 503 },
		status: 503,
		expect: (method: string): Expected => (method === 'GET' ? 'retried' : 'error'),
	},
	{ name: 'connection reset', fault: { resetConnection: true }, expect: network },
	{
		name: 'slow response past the timeout',
		// Far past the 200 ms timeout (the fake stops waiting once the client has gone).
		fault: { delayMs: 60_000 },
		timeoutMs: 200,
		expect: network,
	},
	{
		name: 'malformed JSON',
		fault: { status: 200, contentType: 'application/json', body: '{"values": [' },
		expect: () => 'unreadable',
	},
	{
		name: 'empty body',
		fault: { status: 200, contentType: 'application/json', body: '' },
		expect: () => 'unreadable',
	},
];

const operations = nodeOperations(new Hex().description);
const cases = operations.flatMap((operation) => faults.map((fault) => ({ operation, fault })));

function check(run: HexRun, requests: number, expected: Expected, fault: FaultCase): string[] {
	const problems: string[] = [];
	const error = run.error;
	const want = (condition: boolean, what: string) => condition || problems.push(what);
	if (expected === 'retried') {
		want(error === undefined, `expected success after a retry, got "${error?.message}"`);
		want(requests === 2, `expected 2 requests, got ${requests}`);
		return problems;
	}
	want(error !== undefined, 'expected an error, got success');
	want(requests === 1, `expected 1 request (no retry), got ${requests}`);
	if (expected === 'failed unretried') return problems;
	if (expected === 'error') {
		want(
			new RegExp(`^Hex API error ${fault.status}\\b`).test(error?.message ?? ''),
			`unexpected message "${error?.message}"`,
		);
	}
	if (expected === 'error') {
		want(
			!/it was not sent again/.test(error?.description ?? ''),
			'the error says it was not sent again',
		);
	}
	if (expected === 'not re-sent') {
		want(
			/it was not sent again/.test(error?.description ?? ''),
			'the error does not say it was not sent again',
		);
	}
	if (expected === 'unreadable') {
		want(
			/^Hex answered 200 (with a body that is not JSON|without a body)/.test(error?.message ?? ''),
			`unexpected message "${error?.message}"`,
		);
	}
	return problems;
}

describe('fault matrix: every operation under every fault', () => {
	let hex: HexTestbed;
	// A published project with runs, fixed before any case runs (Create adds new ones first).
	let fixture: FakeFixture;
	const outcomes: Array<{ label: string; problems: string[] }> = [];
	const seen: string[] = [];

	beforeAll(async () => {
		hex = await startTestbed({ users: 400, projects: 5, dataConnections: 3 });
		fixture = { projectId: hex.fake.state.projects[0].id };
	});
	afterAll(async () => await hex.fake.close());

	test.each(
		cases.map(
			(entry, index) =>
				[
					`${entry.operation.resource}.${entry.operation.operation}`,
					entry.fault.name,
					entry,
					index,
				] as const,
		),
	)(
		'%s × %s',
		async (
			_operation,
			_fault,
			{ operation, fault }: { operation: NodeOperation; fault: FaultCase },
			index,
		) => {
			hex.fake.reset();
			const operationCase = operationCases[`${operation.resource}.${operation.operation}`];
			const operationId =
				operationCase.fakeRoute?.operationId ?? specOperationFor(operation)?.operationId;
			const method = operationCase.fakeRoute?.method ?? operation.method;
			const parameters = operationCase.fake(hex.fake, fixture, index);
			hex.fake.injectFault({ operationId, ...fault.fault });
			const run = await hex.run(
				{
					resource: operation.resource,
					operation: operation.operation,
					...parameters,
					requestOptions: { timeout: fault.timeoutMs ?? 120_000, maxRetryWait: 5 },
				},
				{ inputItems: operationCase.inputItems?.() },
			);
			const requests = hex.fake.requests.filter(
				(request) => request.operationId === operationId,
			).length;
			const problems = check(run, requests, fault.expect(method, operation.paginated), fault);
			seen.push(
				JSON.stringify(run.items),
				run.error ? JSON.stringify(run.error, Object.getOwnPropertyNames(run.error)) : '',
			);
			outcomes.push({
				label: `${operation.resource}.${operation.operation} × ${fault.name}`,
				problems,
			});
			expect(problems).toEqual([]);
		},
	);

	// The name is the report (Jest prints it); the test fails unless every case was as expected.
	test(`fault matrix: ${faults.length} faults x ${operations.length} operations = ${cases.length} cases, all as expected, and no token in any output or error`, () => {
		const unexpected = outcomes.filter((outcome) => outcome.problems.length > 0);
		expect(outcomes).toHaveLength(cases.length);
		expect(unexpected.map((outcome) => outcome.label)).toEqual([]);
		expect(seen.filter((text) => text.includes(hex.fake.token))).toEqual([]);
	});
});
