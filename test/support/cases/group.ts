import type { OperationCases } from './types';

// Filled in by the issue-4 work.
export const groupCases: OperationCases = {};
