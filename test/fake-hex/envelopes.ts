import type { ErrorStyle } from './spec';

/** N-style error codes, as named by the spec's error.* schemas. */
export const errorCodes: Record<number, string> = {
	400: 'BAD_REQUEST',
	401: 'UNAUTHORIZED',
	403: 'FORBIDDEN',
	404: 'NOT_FOUND',
	405: 'METHOD_NOT_SUPPORTED',
	409: 'CONFLICT',
	415: 'UNSUPPORTED_MEDIA_TYPE',
	422: 'UNPROCESSABLE_CONTENT',
	429: 'TOO_MANY_REQUESTS',
	500: 'INTERNAL_SERVER_ERROR',
	501: 'NOT_IMPLEMENTED',
	502: 'BAD_GATEWAY',
	503: 'SERVICE_UNAVAILABLE',
	504: 'GATEWAY_TIMEOUT',
};

export interface NStyleError {
	code: string;
	message: string;
	issues: Array<{ message: string }>;
}

export interface TStyleError {
	reason: string;
	details?: unknown;
	traceId: string;
}

/**
 * Thrown by handlers (and the validation layer) to answer with an error; the server renders it
 * in the operation's envelope. `details` overrides the T-style details (some operations
 * document an array of objects there).
 */
export class HexApiError extends Error {
	constructor(
		readonly status: number,
		message: string,
		readonly issues: string[] = [],
		readonly details?: unknown,
	) {
		super(message);
		this.name = 'HexApiError';
	}
}

export function errorBody(
	style: ErrorStyle,
	status: number,
	message: string,
	issues: string[],
	traceId: string,
	details?: unknown,
): NStyleError | TStyleError {
	if (style === 'T') {
		const body: TStyleError = { reason: message, traceId };
		if (details !== undefined) body.details = details;
		else if (issues.length) body.details = issues.join('; ');
		return body;
	}
	return {
		code: errorCodes[status] ?? `HTTP_${status}`,
		message,
		// Always present, so clients may rely on it; without specific issues the message is repeated.
		issues: (issues.length ? issues : [message]).map((m) => ({ message: m })),
	};
}
