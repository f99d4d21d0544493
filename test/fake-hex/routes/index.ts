import { dataConnectionHandlers } from './dataConnections';
import { groupHandlers } from './groups';
import { collectionHandlers } from './collections';
import { sharingHandlers } from './sharing';
import { cellHandlers } from './cells';
import { threadHandlers } from './threads';
import { guideHandlers } from './guides';
import { semanticHandlers } from './semantic';
import { embeddingHandlers } from './embedding';
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
	...groupHandlers,
	...collectionHandlers,
	...sharingHandlers,
	...cellHandlers,
	...threadHandlers,
	...guideHandlers,
	...semanticHandlers,
	...embeddingHandlers,
};

export type {
	Handler,
	HandlerContext,
	HandlerRequest,
	HandlerResponse,
	HandlerTable,
} from './types';
