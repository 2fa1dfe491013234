import type { ReceivedMail } from "@tpx/testing/fake-smtp";

/** One received e-mail, readable: its headers and its text/plain part decoded. */
export interface Mail {
  to: string[];
  subject: string;
  text: string;
}

function decodeQuotedPrintable(body: string): string {
  const bytes = body
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8");
}

function decodePart(headers: string, body: string): string {
  const encoding = /content-transfer-encoding:\s*([\w-]+)/i.exec(headers)?.[1]?.toLowerCase();
  if (encoding === "quoted-printable") return decodeQuotedPrintable(body);
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  return body;
}

function splitHeaders(raw: string): { headers: string; body: string } {
  const at = raw.search(/\r?\n\r?\n/);
  if (at < 0) return { headers: raw, body: "" };
  return { headers: raw.slice(0, at), body: raw.slice(at).replace(/^\r?\n\r?\n/, "") };
}

/** The text/plain part of a MIME message (or its only body), decoded. */
function textOf(raw: string): string {
  const { headers, body } = splitHeaders(raw);
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(headers)?.[1];
  if (!boundary) return decodePart(headers, body);
  for (const part of body.split(`--${boundary}`)) {
    const inner = splitHeaders(part.replace(/^\r?\n/, ""));
    if (/content-type:\s*multipart\//i.test(inner.headers)) {
      const nested = textOf(part.replace(/^\r?\n/, ""));
      if (nested) return nested;
    }
    if (/content-type:\s*text\/plain/i.test(inner.headers)) return decodePart(inner.headers, inner.body);
  }
  return "";
}

function subjectOf(raw: string): string {
  const { headers } = splitHeaders(raw);
  const folded = headers.replace(/\r?\n[ \t]+/g, " ");
  const subject = /^subject:\s*(.*)$/im.exec(folded)?.[1] ?? "";
  // RFC 2047 encoded words (non-ASCII subjects)
  return subject.replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, kind: string, text: string) =>
    kind.toUpperCase() === "B"
      ? Buffer.from(text, "base64").toString("utf8")
      : decodeQuotedPrintable(text.replace(/_/g, " ")),
  );
}

export function readMail(mail: ReceivedMail): Mail {
  return { to: mail.to, subject: subjectOf(mail.raw), text: textOf(mail.raw) };
}
