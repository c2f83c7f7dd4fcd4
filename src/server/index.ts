// The investigation workspace: HTTP API over a case (the web UI comes next).
export type { AppOptions } from './app.js';
export { buildApp, MAX_PAGE } from './app.js';
