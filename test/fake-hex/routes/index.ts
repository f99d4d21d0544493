import { dataConnectionHandlers } from './dataConnections';
import { projectHandlers } from './projects';
import { runHandlers } from './runs';
import type { HandlerTable } from './types';
import { userHandlers } from './users';

/**
 * Every implemented operation, keyed by operationId. To add one of the spec's other operations,
 * add a handler to one of these tables (or a new file); routing and validation come from the spec.
 */
export const handlers: HandlerTable = {
	...userHandlers,
	...projectHandlers,
	...runHandlers,
	...dataConnectionHandlers,
};

export type {
	Handler,
	HandlerContext,
	HandlerRequest,
	HandlerResponse,
	HandlerTable,
} from './types';
