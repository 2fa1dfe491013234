import type { FieldError } from "@tpx/service-kit";

/** OWASP ASVS-style: length matters, composition rules do not; 128 caps the work a single hash may cost. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

export function passwordProblems(field: string, password: string, email?: string): FieldError[] {
  if (password.length < PASSWORD_MIN_LENGTH) {
    return [{ field, message: `must have at least ${PASSWORD_MIN_LENGTH} characters` }];
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    return [{ field, message: `must have at most ${PASSWORD_MAX_LENGTH} characters` }];
  }
  if (email && password.toLowerCase() === email.toLowerCase()) {
    return [{ field, message: "must not be the e-mail address" }];
  }
  return [];
}
