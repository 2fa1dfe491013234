import { createHash, randomBytes } from "node:crypto";

/** 32 random bytes = 256 bits, base64url without padding: 43 characters. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newSurveyToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Only this is stored: a stolen database does not yield working links. */
export function hashSurveyToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function surveyUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl.replace(/\/+$/, "")}/s/${token}`;
}
