/** Replies that opt a number out of every SMS, and the ones that opt it back in (Twilio's default keywords). */
const STOP = new Set(["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"]);
const START = new Set(["START", "UNSTOP", "YES"]);

export type OptChange = "opt-out" | "opt-in" | undefined;

export function optChangeOf(body: string): OptChange {
  const word = body.trim().toUpperCase();
  if (STOP.has(word)) return "opt-out";
  if (START.has(word)) return "opt-in";
  return undefined;
}
