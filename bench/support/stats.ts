export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** "0.72 (0.65..0.80)": the median of per-round ratios with their range, the only comparison this box supports. */
export function summarize(values: readonly number[], digits = 2): string {
  return `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}..${Math.max(...values).toFixed(digits)})`;
}

/** Resolves once `count()` reaches `target`, checking every few milliseconds. */
export async function whenCount(
  count: () => number | Promise<number>,
  target: number,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await count();
    if (value >= target) return;
    if (Date.now() > deadline) throw new Error(`stalled at ${value} of ${target} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
