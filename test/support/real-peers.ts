export * from '../../demo/real-peers.js';
