import { ConfigError } from "../config/define-config.ts";

/**
 * Process entry guard: a configuration problem prints one line per bad variable and exits 78 (EX_CONFIG); any
 * other start failure is logged and exits 1. Nothing half-started keeps running.
 */
export function runMain(service: string, start: () => Promise<unknown>): void {
  start().catch((error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`${service}: cannot start, invalid configuration:\n`);
      for (const problem of error.problems) process.stderr.write(`  - ${problem}\n`);
      process.exit(78);
    }
    process.stderr.write(`${service}: failed to start: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}
