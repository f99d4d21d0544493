import { addThread, fakeThreads } from '../../fake-hex/routes/threads';
import { locator } from '../hex';
import type { OperationCases } from './types';
import { PRISM_IDS } from './types';

const attachments = {
	dataConnectionId: PRISM_IDS.connection,
	projectIds: PRISM_IDS.project,
	tableIds: 'tbl_1, tbl_2',
	semanticDatasetIds: 'ds_1',
	semanticViewIds: 'view_1',
};

export const threadCases: OperationCases = {
	// Prism answers GetThread with status IDLE, so the wait ends after one poll (2 s).
	'thread.create': {
		prism: {
			prompt: 'Which regions grew revenue fastest last quarter?',
			attachments,
			threadAdditionalFields: {
				previewId: 'preview_1',
				projectId: locator(PRISM_IDS.project),
				muted: true,
			},
			waitUntilIdle: true,
			pollInterval: 2,
			timeout: 30,
		},
		fake: (_fake, _fixture, index) => ({ prompt: `Fault matrix question ${index}` }),
	},
	'thread.get': {
		prism: { threadId: locator(PRISM_IDS.thread) },
		fake: (fake) => ({ threadId: locator(fakeThreads(fake.state).threads.at(-1)?.id ?? '') }),
	},
	'thread.getAll': {
		prism: {
			returnAll: true,
			filters: {
				source: 'PUBLIC_API',
				userId: PRISM_IDS.user,
				type: 'THREADS',
				numDays: 7,
				hasFeedback: true,
				roles: ['ADMIN', 'MANAGER'],
				warnings: ['USER_DOUBT'],
				topicIds: 'topic_1, topic_2',
				resourceIds: PRISM_IDS.project,
			},
		},
		fake: () => ({ limit: 5 }),
	},
	'thread.getMessages': {
		prism: { threadId: locator(PRISM_IDS.thread), returnAll: true, options: { full: true } },
		fake: (fake) => ({
			threadId: locator(fakeThreads(fake.state).threads.at(-1)?.id ?? ''),
			limit: 5,
		}),
	},
	// A follow-up needs an idle thread, and leaves it running: a fresh one each time.
	'thread.continue': {
		prism: {
			threadId: locator(PRISM_IDS.thread),
			prompt: 'Break that down by month',
			attachments,
		},
		fake: (fake) => ({
			threadId: locator(addThread(fake.state).id),
			prompt: 'Break that down by month',
		}),
	},
};
