const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const E164 = /^\+[1-9]\d{7,14}$/;

/** Trimmed and lower-cased, or null when it is not an e-mail address. */
export function normalizeEmail(raw: string): string | null {
  const email = raw.trim().toLowerCase();
  return EMAIL.test(email) ? email : null;
}

/**
 * E.164 form ("+15551234567"), or null when it cannot be one. Separators are dropped; a 10-digit number, or 11 digits
 * starting with 1, is read as a North American number (the platform's market).
 */
export function normalizePhone(raw: string): string | null {
  const compact = raw.trim().replace(/[\s().-]/g, "");
  if (compact.startsWith("+")) return E164.test(compact) ? compact : null;
  if (!/^\d+$/.test(compact)) return null;
  if (compact.length === 10 && /^[2-9]/.test(compact)) return `+1${compact}`;
  if (compact.length === 11 && compact.startsWith("1")) return `+${compact}`;
  return null;
}

/** An absolute http(s) URL with a dotted host, normalised by the URL parser; null otherwise. */
export function normalizeWebUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  if (!url.hostname.includes(".") || url.username || url.password) return null;
  return url.toString();
}
