// The state and tier tokens live with the dashboard's engine (src/dashboard/tokens.ts), which builds the lines.
export { STATE_COLOR, stateToken, TIER_GLYPH } from '../src/dashboard/tokens.js';
