/**
 * The name of the Project field of every Run operation. Its own name: n8n evaluates each property
 * named like a parameter, shown or not, so sharing `projectId` with other resources costs
 * evaluations.
 */
export const RUN_PROJECT_ID = 'runProjectId';
