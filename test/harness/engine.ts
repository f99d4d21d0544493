import type { ExecuteContext } from 'n8n-core';
import {
	DirectoryLoader,
	ExecutionLifecycleHooks,
	LoadOptionsContext,
	RoutingNode,
	WorkflowExecute,
} from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IDataObject,
	IExecuteData,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRun,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
	ExecutionError,
	IConnections,
} from 'n8n-workflow';
import {
	createRunExecutionData,
	ICredentialsHelper,
	NodeHelpers,
	UserError,
	Workflow,
} from 'n8n-workflow';

import { HexApi } from '../../credentials/HexApi.credentials';
import { Hex } from '../../nodes/Hex/Hex.node';
import { HexTrigger } from '../../nodes/HexTrigger/HexTrigger.node';

export const HEX_NODE_TYPE = 'n8n-nodes-hex.hex';
export const HEX_TRIGGER_NODE_TYPE = 'n8n-nodes-hex.hexTrigger';
const NODE_NAME = 'Hex';

/**
 * The Hex node as n8n hands it to users: the loader adds n8n's Request Options, and n8n's
 * NodeTypes (packages/cli) gives a declarative node an `execute` that runs n8n's RoutingNode in
 * the execution's context, with its cancel signal (n8n-core alone would run it without one).
 */
export function loadedHexNode(): Hex {
	const hex = new Hex();
	DirectoryLoader.applyDeclarativeNodeOptionParameters(hex);
	return asN8nRunsIt(hex);
}

/** A declarative node with the `execute` n8n's NodeTypes gives it. */
export function asN8nRunsIt<T extends INodeType>(nodeType: T): T {
	const execute: INodeType['execute'] = async function (this) {
		const data = await new RoutingNode(this as ExecuteContext, nodeType).runNode();
		return data ?? [];
	};
	return Object.assign(nodeType, { execute });
}

/** The package's node types, as n8n's loader would register them (or the ones given). */
export class HexNodeTypes implements INodeTypes {
	constructor(
		private readonly types: Record<string, INodeType> = {
			[HEX_NODE_TYPE]: loadedHexNode(),
			[HEX_TRIGGER_NODE_TYPE]: new HexTrigger(),
		},
	) {}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		return this.types[nodeType];
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.types[nodeType], version);
	}

	getKnownTypes() {
		return {};
	}
}

/**
 * Resolves credentials the way n8n's CLI helper does: the decrypted data is handed to the
 * credential type's own `authenticate`, so the real token-pinning code runs in every test.
 */
export class HexCredentialsHelper extends ICredentialsHelper {
	readonly credentialType: ICredentialType = new HexApi();

	constructor(private readonly data: ICredentialDataDecryptedObject) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		_typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.credentialType;
		if (typeof authenticate !== 'function')
			throw new TypeError('Hex API must authenticate with code');
		return await authenticate(credentials, requestOptions);
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new TypeError('not used by declarative nodes');
	}

	async getDecrypted(): Promise<ICredentialDataDecryptedObject> {
		return { ...this.data };
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties(): INodeProperties[] {
		return this.credentialType.properties;
	}
}

/** Sees each request as the credential gets it, then stops it: nothing leaves the machine. */
export class StoppingCredentialsHelper extends HexCredentialsHelper {
	seen: IHttpRequestOptions[] = [];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const authorized = await super.authenticate(credentials, typeName, requestOptions);
		this.seen.push(authorized);
		throw new UserError('stopped before sending');
	}
}

export interface HexRun {
	items: INodeExecutionData[];
	/** The error output's items (only with `onError: 'continueErrorOutput'`). */
	errorItems: INodeExecutionData[];
	error?: ExecutionError;
	run: IRun;
}

export interface RunHexNodeOptions {
	parameters: INodeParameters;
	credentials: ICredentialDataDecryptedObject;
	input?: IDataObject[];
	/** Whole input items (e.g. with binary data); wins over `input`. */
	inputItems?: INodeExecutionData[];
	continueOnFail?: boolean;
	/** Wins over `continueOnFail`: n8n's On Error setting, e.g. 'continueErrorOutput'. */
	onError?: INode['onError'];
	/** Replaces the credential helper, e.g. to see each request as the credential gets it. */
	credentialsHelper?: ICredentialsHelper;
	/** Gets a function that stops the execution, as n8n's Stop button does. */
	onStart?: (stop: () => void) => void;
	/** The node types to run with; the package's own (as n8n's loader adds Request Options) by default. */
	nodeTypes?: INodeTypes;
}

export function additionalDataFor(
	credentials: ICredentialDataDecryptedObject,
	hooks: ExecutionLifecycleHooks,
	credentialsHelper: ICredentialsHelper = new HexCredentialsHelper(credentials),
) {
	const additionalData: Partial<IWorkflowExecuteAdditionalData> = {
		credentialsHelper,
		hooks,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		formBaseUrl: 'http://127.0.0.1:5678/form',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		formTestBaseUrl: 'http://127.0.0.1:5678/form-test',
		variables: {},
		executionId: '1',
	};
	return additionalData as IWorkflowExecuteAdditionalData;
}

function hexNode(parameters: INodeParameters, onError?: INode['onError']): INode {
	return {
		id: 'hex-node',
		name: NODE_NAME,
		type: HEX_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { hexApi: { id: 'hex-credential', name: 'Hex API' } },
		...(onError ? { onError } : {}),
	};
}

function hexWorkflow(node: INode, nodeTypes: INodeTypes = new HexNodeTypes()): Workflow {
	return new Workflow({
		id: 'hex-test',
		nodes: [node],
		connections: {},
		nodeTypes,
		active: false,
	});
}

export function lifecycleHooks(
	node: INode,
	nodes: INode[] = [node],
	connections: IConnections = {},
): ExecutionLifecycleHooks {
	return new ExecutionLifecycleHooks('manual', '1', {
		id: 'hex-test',
		name: 'Hex test',
		active: false,
		activeVersionId: null,
		isArchived: false,
		nodes,
		connections,
		createdAt: new Date(),
		updatedAt: new Date(),
	});
}

/** Runs the Hex node once through n8n-core's WorkflowExecute, as n8n runs a declarative node. */
export async function runHexNode(options: RunHexNodeOptions): Promise<HexRun> {
	const node = hexNode(
		options.parameters,
		options.onError ?? (options.continueOnFail ? 'continueRegularOutput' : undefined),
	);
	const input = options.inputItems ?? (options.input ?? [{}]).map((json) => ({ json }));
	const startData: IExecuteData = { node, data: { main: [input] }, source: null };
	const runExecutionData = createRunExecutionData({
		executionData: { nodeExecutionStack: [startData] },
	});
	const execution = new WorkflowExecute(
		additionalDataFor(options.credentials, lifecycleHooks(node), options.credentialsHelper),
		'manual',
		runExecutionData,
	);
	const running = execution.processRunExecutionData(hexWorkflow(node, options.nodeTypes));
	options.onStart?.(() => running.cancel());
	const run = await running;
	const taskData = run.data.resultData.runData[NODE_NAME]?.[0];
	return {
		items: taskData?.data?.main?.[0] ?? [],
		errorItems: taskData?.data?.main?.[1] ?? [],
		error: run.data.resultData.error ?? taskData?.error,
		run,
	};
}

/** A workflow as n8n saves it: nodes with their typeVersion and the parameters set, connections. */
export interface SavedWorkflow {
	nodes: INode[];
	connections: IConnections;
}

/**
 * Runs a saved workflow of Hex nodes as n8n would: each node at the typeVersion it was saved
 * with, parameters left at their default filled in by n8n, from the node nothing connects to,
 * which gets `input`. Returns each node's output items (and the error, if one failed).
 */
export async function runSavedWorkflow(options: {
	workflow: SavedWorkflow;
	credentials: ICredentialDataDecryptedObject;
	input?: IDataObject[];
}): Promise<{ output: Record<string, INodeExecutionData[]>; error?: ExecutionError }> {
	const { nodes, connections } = options.workflow;
	const targets = new Set(
		Object.values(connections).flatMap((outputs) =>
			(outputs.main ?? []).flatMap((links) => (links ?? []).map((link) => link.node)),
		),
	);
	const start = nodes.find((node) => !targets.has(node.name)) as INode;
	const input = (options.input ?? [{}]).map((json) => ({ json }));
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: start, data: { main: [input] }, source: null }],
		},
	});
	const execution = new WorkflowExecute(
		additionalDataFor(options.credentials, lifecycleHooks(start, nodes, connections)),
		'manual',
		runExecutionData,
	);
	const workflow = new Workflow({
		id: 'hex-test',
		nodes,
		connections,
		nodeTypes: new HexNodeTypes(),
		active: false,
	});
	const run = await execution.processRunExecutionData(workflow);
	const { runData } = run.data.resultData;
	return {
		output: Object.fromEntries(
			Object.entries(runData).map(([name, tasks]) => [name, tasks[0]?.data?.main?.[0] ?? []]),
		),
		error: run.data.resultData.error,
	};
}

/** The context n8n gives a picker (list search) while the user edits the node. */
export function hexLoadOptionsContext(
	credentials: ICredentialDataDecryptedObject,
	parameters: INodeParameters = {},
): ILoadOptionsFunctions {
	const node = hexNode(parameters);
	return new LoadOptionsContext(
		hexWorkflow(node),
		node,
		additionalDataFor(credentials, lifecycleHooks(node)),
		'parameters',
	);
}
