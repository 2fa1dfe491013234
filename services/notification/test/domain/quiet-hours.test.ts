import t from "tap";
import { isValidTimeZone, smsSendableAt } from "../../src/domain/quiet-hours.ts";

const quiet = { startHour: 21, endHour: 8 };
const at = (iso: string, zone: string) => smsSendableAt(new Date(iso), zone, quiet).toISOString();

t.test("SMS quiet hours in the recipient's time zone", async (t) => {
  t.equal(at("2026-11-26T15:00:00Z", "America/Chicago"), "2026-11-26T15:00:00.000Z", "09:00 local: now");
  t.equal(at("2026-11-27T03:00:00Z", "America/Chicago"), "2026-11-27T14:00:00.000Z", "21:00 local: next 08:00");
  t.equal(at("2026-11-27T10:00:00Z", "America/Chicago"), "2026-11-27T14:00:00.000Z", "04:00 local: 08:00 today");
  t.equal(at("2026-11-26T23:30:00Z", "Asia/Kolkata"), "2026-11-27T02:30:00.000Z", "half-hour offsets");
  t.equal(at("2026-11-26T10:00:00Z", "Asia/Tokyo"), "2026-11-26T10:00:00.000Z", "19:00 in Tokyo: now");
  // The night the US leaves daylight saving time (2026-11-01): 22:00 CDT on Oct 31 -> 08:00 CST on Nov 1.
  t.equal(at("2026-11-01T03:00:00Z", "America/Chicago"), "2026-11-01T14:00:00.000Z", "across a DST change");
  t.equal(
    smsSendableAt(new Date("2026-11-26T03:00:00Z"), "UTC", { startHour: 8, endHour: 8 }).toISOString(),
    "2026-11-26T03:00:00.000Z",
    "equal hours mean no quiet time",
  );
  t.ok(isValidTimeZone("Europe/Berlin"));
  t.notOk(isValidTimeZone("Mars/Olympus"));
});
