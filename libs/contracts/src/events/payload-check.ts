import type { DescEnum } from "@bufbuild/protobuf";
import type { Timestamp } from "@bufbuild/protobuf/wkt";

const QUARTER = /^\d{4}-Q[1-4]$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const E164 = /^\+[1-9]\d{1,14}$/;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * The rules proto3 cannot express: proto3 has no required fields (a missing id decodes as ""), enums are
 * open (an unknown number decodes), and numbers have no ranges. Each event's `check` runs these on decode
 * and on encode, so a bad payload is refused on both sides of the wire. Paths use the JSON field names.
 */
export class PayloadCheck {
  readonly problems: string[] = [];

  fail(message: string): void {
    this.problems.push(message);
  }

  /** A required string: an id, a name, a key. */
  required(path: string, value: string): void {
    if (value.trim() === "") this.fail(`${path} is required`);
  }

  /** An optional string that, when present, must not be blank. */
  optional(path: string, value: string | undefined): void {
    if (value !== undefined && value.trim() === "") this.fail(`${path} must not be blank when present`);
  }

  /** A required list of non-blank strings (at least `min` of them). */
  strings(path: string, values: readonly string[], min = 0): void {
    if (values.length < min) this.fail(`${path} needs at least ${min} entries`);
    values.forEach((value, index) => {
      this.required(`${path}[${index}]`, value);
    });
  }

  /** A required enum: set (not the zero value) and one of the declared values. */
  enumValue(path: string, value: number, schema: DescEnum): void {
    if (value === 0) this.fail(`${path} is required`);
    else this.knownEnum(path, value, schema);
  }

  /** An enum where the zero value is meaningful ("none yet"), but only declared values are allowed. */
  knownEnum(path: string, value: number, schema: DescEnum): void {
    if (schema.value[value] === undefined) this.fail(`${path} has unknown value ${value}`);
  }

  timestamp(path: string, value: Timestamp | undefined): void {
    if (value === undefined) this.fail(`${path} is required`);
  }

  range(path: string, value: number, min: number, max: number): void {
    if (!Number.isFinite(value) || value < min || value > max) this.fail(`${path} must be within [${min}, ${max}]`);
  }

  atLeast(path: string, value: number, min: number): void {
    if (value < min) this.fail(`${path} must be at least ${min}`);
  }

  /** A number kept with at most 2 decimals (tolerating binary floating-point noise). */
  twoDecimals(path: string, value: number): void {
    const cents = value * 100;
    if (Math.abs(cents - Math.round(cents)) > 1e-6) this.fail(`${path} must have at most 2 decimals`);
  }

  quarter(path: string, value: string): void {
    if (!QUARTER.test(value)) this.fail(`${path} must look like 2026-Q4`);
  }

  email(path: string, value: string): void {
    if (!EMAIL.test(value)) this.fail(`${path} must be an e-mail address`);
  }

  phone(path: string, value: string): void {
    if (!E164.test(value)) this.fail(`${path} must be an E.164 phone number such as +15551234567`);
  }

  slug(path: string, value: string): void {
    if (!SLUG.test(value)) this.fail(`${path} must be a lower-case slug such as acme-roofing`);
  }

  httpUrl(path: string, value: string): void {
    if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
      this.fail(`${path} must be an absolute http(s) URL`);
    }
  }

  locale(path: string, value: string | undefined): void {
    if (value === undefined) return;
    try {
      Intl.getCanonicalLocales(value);
    } catch {
      this.fail(`${path} must be a BCP 47 language tag`);
    }
  }

  timeZone(path: string, value: string | undefined): void {
    if (value === undefined) return;
    try {
      new Intl.DateTimeFormat("en", { timeZone: value });
    } catch {
      this.fail(`${path} must be an IANA time zone`);
    }
  }

  unique(path: string, values: readonly string[]): void {
    const seen = new Set<string>();
    for (const value of values) {
      if (seen.has(value)) this.fail(`${path} contains ${JSON.stringify(value)} twice`);
      seen.add(value);
    }
  }
}
