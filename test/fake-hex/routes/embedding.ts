import { HexApiError } from '../envelopes';
import type { HandlerTable } from './types';

/** Hex's documented maximum for expiresIn (milliseconds). */
const MAX_EXPIRES_IN_MS = 300_000;
const SCOPES = ['EXPORT_PDF', 'EXPORT_CSV'];

export const embeddingHandlers: HandlerTable = {
	CreatePresignedUrl: ({ path, body }, { state, traceId }) => {
		const project = state.findProject(path.projectId);
		if (!project) throw new HexApiError(403, `No access to project ${path.projectId}`);
		if (!state.projectVersions.get(project.id)) {
			throw new HexApiError(422, `Project ${project.id} has no published app to embed`);
		}
		const unknownScope = (body.scope ?? []).find((scope) => !SCOPES.includes(scope));
		if (unknownScope !== undefined) throw new HexApiError(400, `Unknown scope ${unknownScope}`);
		if (
			body.expiresIn !== undefined &&
			!(body.expiresIn > 0 && body.expiresIn <= MAX_EXPIRES_IN_MS)
		) {
			throw new HexApiError(400, `expiresIn must be between 1 and ${MAX_EXPIRES_IN_MS} ms`);
		}
		const params = new URLSearchParams({ signature: traceId });
		if (body.testMode) params.set('testMode', 'true');
		if (body.displayOptions?.theme) params.set('theme', String(body.displayOptions.theme));
		return {
			body: { url: `https://app.hex.tech/embed/${project.id}?${params.toString()}` },
		};
	},
};
