// n8n's own HTTP Request node doing the bench's requests, through the same WorkflowExecute and
// credential as the Hex node: the third column. Loaded from n8n-nodes-base (see system.js).
import { WorkflowExecute } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';
import { createRunExecutionData, NodeHelpers, Workflow } from 'n8n-workflow';

import { additionalDataFor, lifecycleHooks } from '../test/harness/engine';
import { USERS_PAGE_SIZE } from './lib';
import { httpRequestNodeType } from './system';

const NODE_NAME = 'HTTP Request';

class HttpRequestNodeTypes implements INodeTypes {
	readonly type: IVersionedNodeType = httpRequestNodeType();

	getByName(): INodeType | IVersionedNodeType {
		return this.type;
	}

	getByNameAndVersion(_nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.type, version);
	}

	getKnownTypes() {
		return {};
	}
}

export type HttpRequestRunner = (
	parameters: INodeParameters,
	input?: IDataObject[],
) => Promise<INodeExecutionData[]>;

/** Runs the HTTP Request node (its default version) once, with the Hex API credential. */
export function httpRequestRunner(baseUrl: string, token: string): HttpRequestRunner {
	const credentials = { subdomain: 'app', apiToken: token, baseUrl };
	const nodeTypes = new HttpRequestNodeTypes();
	return async (parameters, input = [{}]) => {
		const node: INode = {
			id: 'http-request-node',
			name: NODE_NAME,
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: nodeTypes.type.description.defaultVersion ?? 1,
			position: [0, 0],
			parameters,
			credentials: { hexApi: { id: 'hex-credential', name: 'Hex API' } },
		};
		const workflow = new Workflow({
			id: 'bench-http-request',
			nodes: [node],
			connections: {},
			nodeTypes,
			active: false,
		});
		const runExecutionData = createRunExecutionData({
			executionData: {
				nodeExecutionStack: [
					{ node, data: { main: [input.map((json) => ({ json }))] }, source: null },
				],
			},
		});
		const execution = new WorkflowExecute(
			additionalDataFor(credentials, lifecycleHooks(node)),
			'manual',
			runExecutionData,
		);
		const run = await execution.processRunExecutionData(workflow);
		const taskData = run.data.resultData.runData[NODE_NAME]?.[0];
		const error = run.data.resultData.error ?? taskData?.error;
		if (error) throw error;
		return taskData?.data?.main?.[0] ?? [];
	};
}

/** The HTTP Request node's parameters of the bench's per-item GET: the Hex credential, one URL. */
export function httpGetProject(baseUrl: string): INodeParameters {
	return {
		method: 'GET',
		url: `={{ "${baseUrl}/v1/projects/" + $json.projectId }}`,
		authentication: 'predefinedCredentialType',
		nodeCredentialType: 'hexApi',
		options: {},
	};
}

/**
 * User → Get Many, Return All as a user would set it up in the HTTP Request node: pages of 500,
 * `after` from the last answer's cursor, done when Hex gives none. One output item per page.
 */
export function httpListUsers(baseUrl: string): INodeParameters {
	return {
		method: 'GET',
		url: `${baseUrl}/v1/users`,
		authentication: 'predefinedCredentialType',
		nodeCredentialType: 'hexApi',
		sendQuery: true,
		queryParameters: { parameters: [{ name: 'limit', value: String(USERS_PAGE_SIZE) }] },
		options: {
			pagination: {
				pagination: {
					paginationMode: 'updateAParameterInEachRequest',
					parameters: {
						parameters: [
							{ type: 'qs', name: 'after', value: '={{ $response.body.pagination.after }}' },
						],
					},
					paginationCompleteWhen: 'other',
					completeExpression:
						'={{ !$response.body.pagination.after || $response.body.values.length === 0 }}',
					limitPagesFetched: false,
				},
			},
		},
	};
}

/** Users in the HTTP Request node's output (one item per page). */
export const usersInPages = (pages: INodeExecutionData[]) =>
	pages.reduce((sum, page) => sum + ((page.json.values as unknown[] | undefined)?.length ?? 0), 0);
