export * from '../../src/demo/private-tmux.js';
