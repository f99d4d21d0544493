import type { INode } from 'n8n-workflow';

import { Hex } from '../../../../nodes/Hex/Hex.node';
import type { SavedWorkflow } from '../../../harness/engine';
import { runSavedWorkflow } from '../../../harness/engine';
import type { HexTestbed } from '../../../support/hex';
import { startTestbed } from '../../../support/hex';
import saved from './workflow-v1.json';

const workflow = saved as unknown as SavedWorkflow;

describe('a workflow saved with Hex node version 1', () => {
	let hex: HexTestbed;

	beforeAll(async () => {
		hex = await startTestbed();
	});
	afterAll(async () => await hex.fake.close());
	afterEach(() => expect(hex.fake.internalErrors).toEqual([]));

	test('is a version the node still offers', () => {
		const versions = [new Hex().description.version].flat();
		expect(workflow.nodes.map((node: INode) => node.typeVersion)).toEqual([1, 1]);
		expect(versions).toContain(1);
	});

	test('runs as it always has: Start (Resource and Operation at their defaults), then Get', async () => {
		const project = hex.fake.state.projects[0];
		const { output, error } = await runSavedWorkflow({
			workflow,
			credentials: hex.credentials,
			input: [{ projectId: project.id, region: 'EMEA' }],
		});
		expect(error).toBeUndefined();
		const [started] = output['Start Hex Run'].map((item) => item.json);
		const runPath = `/api/v1/projects/${project.id}/runs`;
		expect(hex.sent().map(({ method, path, body }) => ({ method, path, body }))).toEqual([
			{ method: 'POST', path: runPath, body: { inputParams: { region: 'EMEA' } } },
			{ method: 'GET', path: `${runPath}/${String(started.runId)}`, body: undefined },
		]);
		expect(started).toMatchObject({ projectId: project.id, runId: expect.any(String) });
		// Get outputs the run as Hex holds it (the trace ID is the request's own), and whether it
		// has finished.
		const stored = hex.fake.state.findRun(project.id, String(started.runId));
		expect(stored).toBeDefined();
		expect(output['Get Run Status'].map((item) => item.json)).toEqual([
			{ ...stored, traceId: expect.any(String), finished: false },
		]);
	});
});
