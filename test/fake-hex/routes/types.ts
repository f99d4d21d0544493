import type { OperationId, OperationSchemaSet, Parsed, ResponseOf } from '../schemas';
import type { FakeHexState } from '../state';

export interface HandlerContext {
	state: FakeHexState;
	/** e.g. http://127.0.0.1:1234/api (for URLs the API returns, like runStatusUrl). */
	apiBaseUrl: string;
	/** Trace id of this request (also sent as the x-trace-id header). */
	traceId: string;
	/** Personal tokens (hxtp_) act as a user; workspace tokens (hxtw_) do not. */
	tokenKind: 'personal' | 'workspace';
	/** All request headers, lower-cased. */
	headers: Record<string, string>;
	/** The multipart form of the request, when it sent one. */
	form?: FormData;
}

/** A request that passed validation; each part is the zod-parsed value (defaults applied). */
export interface HandlerRequest<Op extends OperationId> {
	path: Parsed<OperationSchemaSet<Op>['path']>;
	query: Parsed<OperationSchemaSet<Op>['query']>;
	headers: Parsed<OperationSchemaSet<Op>['headers']>;
	body: Parsed<OperationSchemaSet<Op>['body']>;
}

export interface HandlerResponse<Op extends OperationId> {
	/** Defaults to the operation's documented success status. */
	status?: number;
	/** Checked against the generated response schema before it is sent. */
	body?: ResponseOf<Op>;
	headers?: Record<string, string>;
}

export type Handler<Op extends OperationId> = (
	req: HandlerRequest<Op>,
	ctx: HandlerContext,
) => HandlerResponse<Op> | Promise<HandlerResponse<Op>>;

/** Route table: one handler per operationId; operations without one answer 501. */
export type HandlerTable = { [Op in OperationId]?: Handler<Op> };
