import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { hexIdValue, isHexId } from '../Hex/shared/pathParameters';
import type { HexProject } from './requests';

export interface WatchedProject {
	id: string;
	title?: string;
}

/** Selected Projects mode: the IDs under "Projects", checked before anything is sent. */
export function selectedProjects(context: IPollFunctions): WatchedProject[] {
	const entries = context.getNodeParameter('projects.project', []) as IDataObject[];
	const ids = new Set<string>();
	entries.forEach((_entry, index) => {
		const { id: value, badLink } = hexIdValue(
			'projectId',
			context.getNodeParameter(`projects.project[${index}].projectId`, ''),
		);
		const id = typeof value === 'string' ? value.trim() : '';
		if (!isHexId(id)) {
			throw new NodeOperationError(
				context.getNode(),
				`Project ${index + 1} under "Projects" is not a Hex project ID: ${JSON.stringify(badLink ?? value)}`,
				{ description: 'Pick the project from the list, or paste its link or its ID.' },
			);
		}
		ids.add(id.toLowerCase());
	});
	if (ids.size === 0) {
		throw new NodeOperationError(context.getNode(), 'No project selected', {
			description: 'Add at least one project under "Projects", or watch all projects.',
		});
	}
	return [...ids].map((id) => ({ id }));
}

/**
 * All Projects mode watches the published projects of each ListProjects page. Unpublished ones
 * are left out: they cannot be run through the API or on a schedule, and Hex refuses to list
 * their runs (422).
 */
export const isPublished = (project: HexProject) =>
	project.lastPublishedAt !== null && project.lastPublishedAt !== undefined;

export function publishedOn(page: HexProject[]): WatchedProject[] {
	return page.filter(isPublished).map((project) => ({
		id: project.id,
		...(typeof project.title === 'string' ? { title: project.title } : {}),
	}));
}
