import { dataConnectionCases } from './dataConnection';
import { groupCases } from './group';
import { collectionCases } from './collection';
import { projectSharingCases } from './projectSharing';
import { cellCases } from './cell';
import { runChartCases } from './runChart';
import { threadCases } from './thread';
import { topicCases } from './topic';
import { customApiCallCases } from './customApiCall';
import { guideCases } from './guide';
import { semanticProjectCases } from './semanticProject';
import { embeddingCases } from './embedding';
import { projectCases } from './project';
import { runCases } from './run';
import type { OperationCases } from './types';
import { userCases } from './user';

export type { FakeFixture, OperationCase, OperationCases } from './types';

/** Every node operation's test parameters, by `resource.operation` (one file per resource). */
export const operationCases: OperationCases = {
	...userCases,
	...projectCases,
	...runCases,
	...dataConnectionCases,
	...groupCases,
	...collectionCases,
	...projectSharingCases,
	...cellCases,
	...runChartCases,
	...threadCases,
	...topicCases,
	...customApiCallCases,
	...guideCases,
	...semanticProjectCases,
	...embeddingCases,
};
