// The Project field of every Run operation. Not `projectId`: n8n evaluates every property named
// like a parameter, shown or not, so sharing a name with other resources costs evaluations.
export const RUN_PROJECT_ID = 'runProjectId';
