// How things look in the CLI: the text helpers every front end shares. State labels are
// src/classify/state-token.ts's.
export * from '../util/format.js';
