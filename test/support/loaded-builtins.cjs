// Preloaded with `node -r` by test/integration/startup.test.ts: at exit, prints to stderr the built-in
// modules the process loaded, from node's own list, one JSON line.
process.on('exit', () => {
  const names = process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice('NativeModule '.length));
  process.stderr.write(`${JSON.stringify({ builtins: names })}\n`);
});
