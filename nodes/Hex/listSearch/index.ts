export { searchCells } from './searchCells';
export { searchCollections } from './searchCollections';
export { searchDataConnections } from './searchDataConnections';
export { searchGroups } from './searchGroups';
export { searchGuideDrafts } from './searchGuideDrafts';
export { searchProjects } from './searchProjects';
export { searchThreads } from './searchThreads';
export { searchUsers } from './searchUsers';
