import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { projectLocator } from '../../shared/descriptions';

/**
 * The Project field of every Run operation. Its own name: n8n evaluates each property named like
 * a parameter, shown or not, so sharing `projectId` with other resources costs evaluations.
 */
export const RUN_PROJECT_ID = 'runProjectId';

export function runProjectLocator(show: IDisplayOptions['show']): INodeProperties {
	return projectLocator(
		show,
		'The Hex project. Pick it, paste its link, or enter its ID. A run always uses its latest published version.',
		RUN_PROJECT_ID,
	);
}
