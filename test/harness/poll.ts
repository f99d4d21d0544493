import { PollContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { additionalDataFor, HEX_TRIGGER_NODE_TYPE, HexNodeTypes, lifecycleHooks } from './engine';

const NODE_NAME = 'Hex Trigger';

export interface TriggerWorkflowOptions {
	parameters: INodeParameters;
	credentials: ICredentialDataDecryptedObject;
	/** The workflow's static data as n8n loads it from the database (plain JSON). */
	staticData?: IDataObject;
}

export interface PollOptions {
	/** 'trigger' for the polls of an active workflow, 'manual' for "Fetch Test Event". */
	mode?: 'trigger' | 'manual';
	/** What n8n's poll budget (getPollBudgetMs) answers; n8n-core's default when left out. */
	pollBudgetMs?: number;
}

/**
 * An active workflow holding the Hex Trigger: each `poll()` runs the node's `poll()` through
 * n8n-core's real PollContext, with the real credential code, as n8n's poller does at every
 * interval. The workflow (and its static data) lives on between polls like in a running n8n.
 */
export class TriggerWorkflow {
	readonly node: INode;

	readonly workflow: Workflow;

	constructor(private readonly options: TriggerWorkflowOptions) {
		this.node = {
			id: 'hex-trigger-node',
			name: NODE_NAME,
			type: HEX_TRIGGER_NODE_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: options.parameters,
			credentials: { hexApi: { id: 'hex-credential', name: 'Hex API' } },
		};
		this.workflow = new Workflow({
			id: 'hex-trigger-test',
			nodes: [this.node],
			connections: {},
			nodeTypes: new HexNodeTypes(),
			active: true,
			// A copy: n8n-core turns what it is given into change-tracking proxies.
			staticData: JSON.parse(JSON.stringify(options.staticData ?? {})) as IDataObject,
		});
	}

	/** One poll; returns what the node returned (null: nothing new). */
	async poll(options: PollOptions = {}): Promise<INodeExecutionData[][] | null> {
		const mode = options.mode ?? 'trigger';
		const budget = options.pollBudgetMs;
		const context = new PollContext(
			this.workflow,
			this.node,
			additionalDataFor(this.options.credentials, lifecycleHooks(this.node)),
			mode,
			mode === 'manual' ? 'manual' : 'activate',
			undefined,
			undefined,
			undefined,
			undefined,
			undefined,
			budget === undefined ? undefined : () => budget,
		);
		const nodeType = this.workflow.nodeTypes.getByNameAndVersion(
			this.node.type,
			this.node.typeVersion,
		);
		if (!nodeType.poll) throw new TypeError('The Hex Trigger has no poll()');
		return await nodeType.poll.call(context);
	}

	/** The items of one poll, as JSON (empty when the poll returned null). */
	async pollJson(options: PollOptions = {}): Promise<IDataObject[]> {
		const result = await this.poll(options);
		return (result?.[0] ?? []).map((item) => item.json);
	}

	/** The workflow's static data as n8n persists it: a JSON round trip. */
	savedStaticData(): IDataObject {
		return JSON.parse(JSON.stringify(this.workflow.staticData)) as IDataObject;
	}

	/** The same workflow after n8n restarted: a new Workflow built from the persisted static data. */
	restarted(parameters: INodeParameters = this.options.parameters): TriggerWorkflow {
		return new TriggerWorkflow({
			...this.options,
			parameters,
			staticData: this.savedStaticData(),
		});
	}
}
