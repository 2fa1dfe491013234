/** A calendar quarter written "2026-Q4" (the platform's agreed form). */
export type Quarter = `${number}-Q${1 | 2 | 3 | 4}`;

const QUARTER_PATTERN = /^(\d{4})-Q([1-4])$/;

export function isQuarter(value: string): value is Quarter {
  return QUARTER_PATTERN.test(value);
}

/** Sort key: quarters compare in time order as plain numbers (year × 4 + quarter index). */
export function quarterIndex(quarter: string): number {
  const match = QUARTER_PATTERN.exec(quarter);
  if (!match) throw new Error(`not a quarter: ${quarter}`);
  return Number(match[1]) * 4 + Number(match[2]) - 1;
}

export function compareQuarters(a: string, b: string): number {
  return quarterIndex(a) - quarterIndex(b);
}

export function quarterOf(date: Date): Quarter {
  return `${date.getUTCFullYear()}-Q${(Math.floor(date.getUTCMonth() / 3) + 1) as 1 | 2 | 3 | 4}`;
}
