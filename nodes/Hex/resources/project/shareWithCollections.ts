import type { INodeProperties } from 'n8n-workflow';

import { shareWithFields } from './sharingFields';
import { SHARING_TARGETS } from './sharingRequest';

export const shareWithCollectionsFields: INodeProperties[] = shareWithFields(
	'shareWithCollections',
	SHARING_TARGETS.collections,
);
