// What the components take from below the dashboard's engine, and only through here: the lint lets
// components/ and hooks/ import src/dashboard/**, each other and src/errors.ts, nothing else of src/. A new
// need shows up in this one file, where a reviewer sees the layer being crossed.
export type { HostChoice } from '../remote/hosts.js';
export { ELAPSED_STEP_MS } from '../util/format.js';
export { trace } from '../util/trace.js';
export { visibleText } from '../util/visible.js';
export type { PeerRow } from '../watch/peer-row.js';
