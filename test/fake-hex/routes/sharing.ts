import type { HandlerTable } from './types';

// Filled in by the issue-4 work.
export const sharingHandlers: HandlerTable = {};
