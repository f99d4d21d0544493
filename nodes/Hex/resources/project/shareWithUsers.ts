import type { INodeProperties } from 'n8n-workflow';

import { shareWithFields } from './sharingFields';
import { SHARING_TARGETS } from './sharingRequest';

export const shareWithUsersFields: INodeProperties[] = shareWithFields(
	'shareWithUsers',
	SHARING_TARGETS.users,
);
