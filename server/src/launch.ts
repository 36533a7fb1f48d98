// How a client should start the language server's Node process. The VS Code extension
// (client/src/extension.ts) and `npm run bench` both launch it with these flags, so the benchmark
// measures the server as users run it.
//
// Node gives V8 a pool of four background threads whatever the machine. V8 runs optimising
// compilations and GC tasks on them; while the server warms up after start, several compile at once.
// On a machine with two cores those threads take the core the server's main thread needs, so an
// analysis that takes 0.3 ms now and then took 3 to 6 ms (measured on 2 cores: the 95th percentile of
// the first 300 analyses of a report was 3 to 4.5 ms with four threads, 0.8 ms with one). The server's
// heap is small (under 150 MB with 100 reports open), so fewer threads cost it nothing, and the
// editor keeps a core for itself. Hence: one thread fewer than the cores, at most Node's four.

/** The Node command-line flags to start the server with on a machine with `cores` logical cores. */
export function languageServerExecArgv(cores: number): string[] {
  const usable = Number.isFinite(cores) && cores >= 1 ? Math.floor(cores) : 1;
  return [`--v8-pool-size=${Math.max(1, Math.min(4, usable - 1))}`];
}
