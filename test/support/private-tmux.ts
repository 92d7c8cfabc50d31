export * from '../../demo/private-tmux.js';
