import { locator } from '../hex';
import type { OperationCases } from './types';
import { PRISM_IDS } from './types';

export const embeddingCases: OperationCases = {
	'embedding.createPresignedUrl': {
		prism: {
			embeddingProjectId: locator(PRISM_IDS.project),
			embeddingInputParametersMode: 'fields',
			embeddingInputParameters: {
				parameter: [
					{ name: 'region', value: 'EMEA' },
					{ name: 'threshold', value: 10 },
				],
			},
			embeddingAdditionalFields: {
				expiresIn: 60000,
				hexUserAttributes: { attribute: [{ name: 'customerId', value: 'acme-42' }] },
				scope: ['EXPORT_CSV', 'EXPORT_PDF'],
				testMode: true,
			},
			displayOptions: {
				theme: 'dark',
				showEmbeddedRunButton: true,
				noEmbedHeaderPadding: true,
				noEmbedBasePadding: true,
				noEmbedOutline: true,
				noEmbedFooter: true,
			},
		},
		fake: (_fake, fixture) => ({ embeddingProjectId: locator(fixture.projectId) }),
	},
};
