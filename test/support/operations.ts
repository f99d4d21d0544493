import type { INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

import spec from '../hex-openapi/openapi.json';

export interface NodeOperation {
	resource: string;
	operation: string;
	name: string;
	action?: string;
	method: string;
	url: string;
	/** Lists have a paginator of their own; every other operation sends one request. */
	paginated: boolean;
}

export interface SpecOperation {
	operationId: string;
	method: string;
	path: string;
}

/** Every resource/operation pair of a node description, with the route it declares. */
export function nodeOperations(description: INodeTypeDescription): NodeOperation[] {
	return description.properties
		.filter((property) => property.name === 'operation' && property.type === 'options')
		.flatMap((property) => {
			const resources = (property.displayOptions?.show?.resource ?? []) as string[];
			return resources.flatMap((resource) =>
				(property.options as INodePropertyOptions[]).map((option) => ({
					resource,
					operation: String(option.value),
					name: option.name,
					action: option.action,
					method: String(option.routing?.request?.method ?? ''),
					url: String(option.routing?.request?.url ?? ''),
					paginated: typeof option.routing?.operations?.pagination === 'function',
				})),
			);
		});
}

/** The spec's operations; its one regex-like path is the documented /v1/semantic-projects. */
export function specOperations(): SpecOperation[] {
	const paths = spec.paths as Record<string, Record<string, { operationId: string }>>;
	return Object.entries(paths).flatMap(([path, methods]) =>
		Object.entries(methods).map(([method, operation]) => ({
			operationId: operation.operationId,
			method: method.toUpperCase(),
			path: path.replace('semantic-(projects|models)', 'semantic-projects'),
		})),
	);
}

/** Placeholder names may differ (the spec writes `{id}` for a thread); their places may not. */
const shape = (path: string) => path.replace(/\{\w+\}/g, '{}');

export function specOperationFor(operation: NodeOperation): SpecOperation | undefined {
	return specOperations().find(
		(candidate) =>
			candidate.method === operation.method && shape(candidate.path) === shape(operation.url),
	);
}

/** The properties n8n would show for one resource/operation (top level only). */
export function propertiesShownFor(
	description: INodeTypeDescription,
	resource: string,
	operation: string,
): INodeProperties[] {
	return description.properties.filter((property) => {
		const show = property.displayOptions?.show;
		if (!show) return false;
		const resources = show.resource as string[] | undefined;
		const operations = show.operation as string[] | undefined;
		return (
			(!resources || resources.includes(resource)) &&
			(!operations || operations.includes(operation)) &&
			(resources !== undefined || operations !== undefined)
		);
	});
}
