export { searchDataConnections } from './searchDataConnections';
export { searchProjects } from './searchProjects';
export { searchUsers } from './searchUsers';
