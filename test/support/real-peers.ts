export * from '../../src/demo/real-peers.js';
