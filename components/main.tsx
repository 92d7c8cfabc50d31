#!/usr/bin/env node
// claude-dm-tui's entry. React reads NODE_ENV when it loads, and its development build
// costs several times the CPU (measured by bench/dashboard-bench.ts): set production
// before anything imports it, then load the dashboard.
process.env.NODE_ENV ??= 'production';
await import('./dashboard-main.js');
export {};
