// Own names for the cell resource's Project fields: n8n evaluates every property named like a
// parameter, shown or not, so sharing `projectId` with other resources costs evaluations per item.
export const CELL_PROJECT_ID = 'cellProjectId';
export const PICKER_PROJECT_ID = 'pickerProjectId';
// The same for the data connection of a SQL cell, on Create and on Update.
export const SQL_DATA_CONNECTION_ID = 'sqlDataConnectionId';
export const NEW_DATA_CONNECTION_ID = 'newDataConnectionId';
