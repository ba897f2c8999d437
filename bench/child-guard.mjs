// Preloaded (`--import`) into every process a benchmark forks (bench/lib.mjs forkChild). When the
// benchmark dies in any way, even SIGKILL, the IPC channel closes and the child sends itself SIGTERM
// (its own graceful shutdown), so no server outlives the benchmark that started it.
if (process.connected) {
  process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  process.channel?.unref(); // the channel alone must not keep the child alive
}
