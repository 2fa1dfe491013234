/**
 * Quarters in a configured time zone. The quarterly run is `0 9 1 1,4,7,10 *` in QUARTERLY_TIMEZONE, so the run
 * that opens quarter "2027-Q1" happens at 09:00 local time on 1 January 2027.
 */
export const QUARTERLY_CRON = "0 9 1 1,4,7,10 *";
const RUN_HOUR = 9;

interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function zonedParts(date: Date, timeZone: string): ZonedParts {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  }).formatToParts(date);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  return {
    year: get("year"),
    month: get("month"),
    day: get("day"),
    hour: get("hour"),
    minute: get("minute"),
    second: get("second"),
  };
}

/** Milliseconds the zone is ahead of UTC at that instant. */
function offsetMs(date: Date, timeZone: string): number {
  const p = zonedParts(date, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(date.getTime() / 1000) * 1000;
}

/** The instant a local wall-clock time in the zone happens (two passes settle DST transitions). */
export function zonedTimeToUtc(year: number, month: number, day: number, hour: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, day, hour);
  let instant = wall - offsetMs(new Date(wall), timeZone);
  instant = wall - offsetMs(new Date(instant), timeZone);
  return new Date(instant);
}

export function formatQuarter(year: number, quarter: number): string {
  return `${year}-Q${quarter}`;
}

export function parseQuarter(label: string): { year: number; quarter: number } {
  const match = /^(\d{4})-Q([1-4])$/.exec(label);
  if (!match) throw new Error(`not a quarter: ${label}`);
  return { year: Number(match[1]), quarter: Number(match[2]) };
}

/** The quarter a moment belongs to in the zone. */
export function quarterOf(date: Date, timeZone: string): string {
  const { year, month } = zonedParts(date, timeZone);
  return formatQuarter(year, Math.floor((month - 1) / 3) + 1);
}

/** When the quarterly run for a quarter is scheduled. */
export function quarterlyRunAt(label: string, timeZone: string): Date {
  const { year, quarter } = parseQuarter(label);
  return zonedTimeToUtc(year, (quarter - 1) * 3 + 1, 1, RUN_HOUR, timeZone);
}

export function previousQuarter(label: string): string {
  const { year, quarter } = parseQuarter(label);
  return quarter === 1 ? formatQuarter(year - 1, 4) : formatQuarter(year, quarter - 1);
}

export function nextQuarter(label: string): string {
  const { year, quarter } = parseQuarter(label);
  return quarter === 4 ? formatQuarter(year + 1, 1) : formatQuarter(year, quarter + 1);
}

/** The most recent quarter whose scheduled run time has passed: the run that should exist by now. */
export function latestDueQuarter(now: Date, timeZone: string): string {
  const current = quarterOf(now, timeZone);
  return quarterlyRunAt(current, timeZone) <= now ? current : previousQuarter(current);
}

/** The next scheduled run after now. */
export function nextQuarterlyRun(now: Date, timeZone: string): { quarter: string; at: Date } {
  const quarter = nextQuarter(latestDueQuarter(now, timeZone));
  return { quarter, at: quarterlyRunAt(quarter, timeZone) };
}
