// The investigation workspace: HTTP API over a case, its access control, and the web UI's files.
export type { AppOptions } from './app.js';
export { buildApp, MAX_PAGE } from './app.js';
export { allowedHostNames, generateToken } from './auth.js';
