import { normalizeEmail, normalizePhone } from "./contact.ts";
import type { FieldProblem } from "./field-error.ts";
import type { Reference } from "./profile.ts";

/**
 * Normalises one audience's references (e-mail lower-cased, phone in E.164) and refuses duplicates: an e-mail may
 * appear once per partner, across customers and employees (`others` is the other audience's list).
 */
export function validateReferences(
  input: Reference[],
  others: readonly Reference[],
  at = "body.references",
): { references: Reference[]; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const taken = new Set(others.map((reference) => reference.email));
  const seen = new Set<string>();
  const references = input.map((raw, index) => {
    const email = normalizeEmail(raw.email);
    if (!email) problems.push({ field: `${at}.${index}.email`, message: "must be an e-mail address" });
    else if (seen.has(email)) problems.push({ field: `${at}.${index}.email`, message: "is listed twice" });
    else if (taken.has(email)) {
      problems.push({ field: `${at}.${index}.email`, message: "is already one of the partner's other references" });
    }
    if (email) seen.add(email);
    let phone: string | undefined;
    if (raw.phone !== undefined && raw.phone.trim() !== "") {
      phone = normalizePhone(raw.phone) ?? undefined;
      if (!phone)
        problems.push({ field: `${at}.${index}.phone`, message: "must be a phone number such as +15551234567" });
    }
    return {
      name: raw.name.trim().replace(/\s+/g, " "),
      company: raw.company.trim().replace(/\s+/g, " "),
      email: email ?? raw.email,
      ...(phone ? { phone } : {}),
    };
  });
  return { references, problems };
}
