import type { Deps } from "../deps.ts";
import type { ChannelName } from "../domain/address.ts";
import { isValidTimeZone, smsSendableAt } from "../domain/quiet-hours.ts";
import type { Message } from "../generated/prisma/client.ts";
import { emitFailed } from "./message-events.ts";
import { sendClaimedMessage } from "./send-claimed-message.ts";

const CHANNELS: readonly ChannelName[] = ["email", "sms"];
/** Most messages claimed per channel and round; the rate limit usually grants fewer. */
const CLAIM_LIMIT = 50;

/** One dispatcher round: fail interrupted sends, then claim and send due messages channel by channel. */
export async function dispatchDueMessages(deps: Deps): Promise<number> {
  await failInterruptedSends(deps);
  let handled = 0;
  for (const channel of CHANNELS) handled += await dispatchChannel(deps, channel);
  return handled;
}

/**
 * A message still "sending" past the stale limit belongs to a process that died during the provider call. Whether
 * the provider got it is unknown, and sending again could duplicate it, so it fails for good (at most once).
 */
export async function failInterruptedSends(deps: Deps): Promise<number> {
  const cutoff = new Date(deps.now().getTime() - deps.config.SEND_STALE_AFTER_MS).toISOString();
  return deps.db.$transaction(async (tx) => {
    const rows = await tx.$queryRawUnsafe<{ id: string }[]>(
      `UPDATE message SET status = 'failed', error_code = 'outcome_unknown', sending_since = NULL, updated_at = now(),
         error = 'the sender stopped during the provider call; not retried, so the recipient never gets two copies'
       WHERE id IN (SELECT id FROM message WHERE status = 'sending' AND sending_since < $1::timestamptz
                    FOR UPDATE SKIP LOCKED)
       RETURNING id`,
      cutoff,
    );
    const messages = await tx.message.findMany({ where: { id: { in: rows.map((row) => row.id) } } });
    for (const message of messages) {
      await emitFailed(deps, tx, message, { code: "outcome_unknown", message: message.error ?? "", permanent: true });
    }
    return messages.length;
  });
}

async function dispatchChannel(deps: Deps, channel: ChannelName): Promise<number> {
  const now = deps.now();
  const granted = deps.limits[channel].take(CLAIM_LIMIT, now.getTime());
  if (granted === 0) return 0;
  const claimed = await claim(deps, channel, now, granted);
  deps.limits[channel].refund(granted - claimed.length);
  await Promise.all(claimed.map((message) => sendClaimedMessage(deps, message)));
  return claimed.length;
}

interface DueRow {
  id: string;
  time_zone: string | null;
  suppressed: boolean;
}

/**
 * Claims due messages and commits "sending" with the attempt counted BEFORE any provider call: this is the record of
 * intent that keeps a crash from turning into a second send. SMS inside the recipient's quiet hours are deferred to
 * the end of them; messages to an address that opted out since they were queued fail as suppressed.
 */
async function claim(deps: Deps, channel: ChannelName, now: Date, limit: number): Promise<Message[]> {
  const { config } = deps;
  return deps.db.$transaction(async (tx) => {
    const due = await tx.$queryRawUnsafe<DueRow[]>(
      `SELECT m.id, m.time_zone, (s.address IS NOT NULL) AS suppressed
       FROM message m LEFT JOIN suppression s ON s.channel = m.channel AND s.address = m.recipient
       WHERE m.status = 'queued' AND m.channel = $1 AND m.next_attempt_at <= $2::timestamptz
       ORDER BY m.next_attempt_at LIMIT $3 FOR UPDATE OF m SKIP LOCKED`,
      channel,
      now.toISOString(),
      limit,
    );
    const ready: string[] = [];
    for (const row of due) {
      if (row.suppressed) {
        const failed = await tx.message.update({
          where: { id: row.id },
          data: { status: "failed", errorCode: "suppressed", error: "the address opted out" },
        });
        await emitFailed(deps, tx, failed, { code: "suppressed", message: "the address opted out", permanent: true });
        continue;
      }
      if (channel === "sms") {
        const zone = row.time_zone && isValidTimeZone(row.time_zone) ? row.time_zone : config.SMS_DEFAULT_TIME_ZONE;
        const sendableAt = smsSendableAt(now, zone, {
          startHour: config.SMS_QUIET_START_HOUR,
          endHour: config.SMS_QUIET_END_HOUR,
        });
        if (sendableAt > now) {
          await tx.message.update({ where: { id: row.id }, data: { nextAttemptAt: sendableAt } });
          continue;
        }
      }
      ready.push(row.id);
    }
    if (ready.length === 0) return [];
    await tx.$executeRawUnsafe(
      `UPDATE message SET status = 'sending', sending_since = $2::timestamptz, attempts = attempts + 1, updated_at = now()
       WHERE id = ANY($1::uuid[])`,
      ready,
      now.toISOString(),
    );
    return tx.message.findMany({ where: { id: { in: ready } } });
  });
}
