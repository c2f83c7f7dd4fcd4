// The investigation workspace: HTTP API over a case, its access control, and the web UI's files.
export type { AppOptions } from './app.js';
export { buildApp, MAX_PAGE } from './app.js';
export type { Analyst } from './auth.js';
export {
  allowedHostNames,
  analystFor,
  checkedReviewer,
  checkedToken,
  generateToken,
} from './auth.js';
export { assertCanListen, listenError } from './listen-check.js';
export { parseUsers, readUsersFile } from './users-file.js';
export { ensureWorkspaceIndex } from './workspace-index.sql.js';
