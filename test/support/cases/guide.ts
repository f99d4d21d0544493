import { draftGuides } from '../../fake-hex/routes/guides';
import type { FakeHex } from '../../fake-hex/server';
import { locator } from '../hex';
import type { OperationCases } from './types';
import { PRISM_IDS } from './types';

/** A guide file that has a draft right now (publishing or deleting one uses it up). */
function someDraft(fake: FakeHex, index: number): string {
	const drafts = draftGuides(fake.state);
	return drafts[index % drafts.length].id;
}

export const guideCases: OperationCases = {
	'guide.getManyDrafts': {
		prism: {
			returnAll: true,
			filters: {
				sourceType: 'github',
				owner: 'acme',
				repo: 'analytics-guides',
				base: 'https://github.com',
			},
		},
		fake: () => ({ limit: 5, filters: { sourceType: 'unknown', sourceId: 'confluence' } }),
	},
	'guide.upsertDraft': {
		prism: {
			filesFrom: 'fields',
			files: {
				file: [
					{
						filePath: 'sales/definitions.md',
						contents: '# Sales definitions',
						externalSource: 'github',
						owner: 'acme',
						repo: 'analytics-guides',
						branch: 'main',
						commitHash: '3f1c2b9e8d7a6c5b4a39281706f5e4d3c2b1a098',
						path: 'guides/sales/definitions.md',
						base: 'https://github.com',
					},
					{
						filePath: 'support/faq.md',
						contents: '# FAQ',
						externalSource: 'unknown',
						sourceId: 'confluence',
					},
					{ filePath: 'hex.md', contents: '# Workspace context', externalSource: 'none' },
				],
			},
			options: { forceWrite: true },
		},
		fake: (_fake, _fixture, index) => ({
			filesFrom: 'json',
			filesJson: JSON.stringify([{ filePath: `fault-matrix/${index}.md`, contents: '# Fault' }]),
		}),
	},
	'guide.publishDrafts': {
		prism: {
			publish: 'selected',
			orgGuideFileIds: `${PRISM_IDS.guide}, 0f1e2d3c-4b5a-4978-8796-a5b4c3d2e1f0`,
		},
		fake: (fake, _fixture, index) => ({
			publish: 'selected',
			orgGuideFileIds: someDraft(fake, index),
		}),
	},
	'guide.deleteDraft': {
		prism: { orgGuideFileId: locator(PRISM_IDS.guide) },
		fake: (fake, _fixture, index) => ({ orgGuideFileId: locator(someDraft(fake, index)) }),
	},
};
