import type { OperationCases } from './types';

// The route is the user's: both cases use real routes of the spec. The fake case is
// GET /v1/users/me (operationId Me), a read, so gateway errors are retried.
export const customApiCallCases: OperationCases = {
	'customApiCall.request': {
		prism: {
			method: 'GET',
			path: '/v1/projects',
			queryParameters: {
				parameter: [
					{ name: 'limit', value: '3' },
					{ name: 'sortBy', value: 'LAST_EDITED_AT' },
				],
			},
		},
		fake: () => ({ method: 'GET', path: '/v1/users/me' }),
		fakeRoute: { operationId: 'Me', method: 'GET' },
	},
};
