const startedAt = Date.now();

/** One line on stderr, stamped with the seconds since the run began; stdout carries only the matrix. */
export function progress(message: string): void {
  const elapsed = ((Date.now() - startedAt) / 1000).toFixed(1).padStart(5);
  process.stderr.write(`[${elapsed} s] ${message}\n`);
}
