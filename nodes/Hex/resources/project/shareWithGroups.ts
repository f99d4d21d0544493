import type { INodeProperties } from 'n8n-workflow';

import { shareWithFields } from './sharingFields';
import { SHARING_TARGETS } from './sharingRequest';

export const shareWithGroupsFields: INodeProperties[] = shareWithFields(
	'shareWithGroups',
	SHARING_TARGETS.groups,
);
