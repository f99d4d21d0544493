import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { FakeHex } from '../../fake-hex/server';

/** IDs that Prism accepts (UUIDs); Prism answers with its own examples whatever they are. */
export const PRISM_IDS = {
	project: '5b2c1a7e-3f4d-4e8a-9c1b-2d3e4f5a6b7c',
	run: '0f1e2d3c-4b5a-4978-8796-a5b4c3d2e1f0',
	user: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
	connection: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
	group: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e',
	collection: '3c4d5e6f-7a8b-4c9d-8e1f-2a3b4c5d6e7f',
	cell: '4d5e6f7a-8b9c-4d0e-9f2a-3b4c5d6e7f80',
	thread: '5e6f7a8b-9c0d-4e1f-8a3b-4c5d6e7f8091',
	guide: '6f7a8b9c-0d1e-4f2a-9b4c-5d6e7f8091a2',
	semanticProject: '7a8b9c0d-1e2f-4a3b-8c5d-6e7f8091a2b3',
};

/** Fixed facts of a fake server, read once before any case runs (cases may change its state). */
export interface FakeFixture {
	/** A published project with runs. */
	projectId: string;
}

/**
 * Parameters for one node operation, by `resource.operation`:
 * - `prism`: spec-valid and feature-rich, for the contract test against Prism;
 * - `fake`: succeeds on the fake Hex server (fresh objects where a success changes state), for
 *   the fault matrix; `index` differs per call.
 */
export interface OperationCase {
	prism: INodeParameters;
	fake: (fake: FakeHex, fixture: FakeFixture, index: number) => INodeParameters;
	/** Input items for both runs, for operations that read binary input (e.g. a zip to ingest). */
	inputItems?: () => INodeExecutionData[];
	/**
	 * Prism's answers changed on their way back, by operationId, for an operation that goes on only
	 * after a particular answer (Prism always answers the same example): the requests still reach
	 * Prism unchanged and are checked against the spec.
	 */
	prismAnswers?: Record<string, (body: IDataObject) => IDataObject>;
	/** The spec route the `fake` case calls, where the route is the user's (Hex API Request). */
	fakeRoute?: { operationId: string; method: string };
}

export type OperationCases = Record<string, OperationCase>;
