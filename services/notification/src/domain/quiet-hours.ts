/** Wall-clock parts of an instant in a time zone. */
function zonedParts(instant: Date, timeZone: string) {
  const format = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  });
  const parts = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, part.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** Milliseconds the zone is ahead of UTC at that instant. */
function offsetMs(instant: Date, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant a local wall-clock time happens in the zone (re-checked once, for days with a DST change). */
function zonedTimeToUtc(year: number, month: number, day: number, hour: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, day, hour);
  let guess = new Date(wall - offsetMs(new Date(wall), timeZone));
  guess = new Date(wall - offsetMs(guess, timeZone));
  return guess;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

export interface QuietHours {
  startHour: number;
  endHour: number;
}

function inQuietHours(hour: number, { startHour, endHour }: QuietHours): boolean {
  if (startHour === endHour) return false;
  return startHour > endHour ? hour >= startHour || hour < endHour : hour >= startHour && hour < endHour;
}

/**
 * When an SMS may go out: `now` outside the recipient's quiet hours, otherwise the end of them (the message is
 * deferred, not dropped).
 */
export function smsSendableAt(now: Date, timeZone: string, quiet: QuietHours): Date {
  const local = zonedParts(now, timeZone);
  if (!inQuietHours(local.hour, quiet)) return now;
  const endsToday = local.hour < quiet.endHour;
  const base = new Date(Date.UTC(local.year, local.month - 1, local.day + (endsToday ? 0 : 1)));
  return zonedTimeToUtc(base.getUTCFullYear(), base.getUTCMonth() + 1, base.getUTCDate(), quiet.endHour, timeZone);
}
