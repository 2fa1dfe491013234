import { partnerStatusChangedV1, timestampFromDate } from "@tpx/contracts";
import { ConflictError } from "@tpx/service-kit";
import type { Tx } from "../../db.ts";
import { allowedTransitions, canTransition, type PartnerStatus } from "../../domain/lifecycle.ts";
import type { Actor } from "./actor.ts";
import { recordAudit } from "./audit.ts";
import type { Deps } from "./deps.ts";
import { protoStatus } from "./events.ts";

export interface TransitionInput {
  partnerId: string;
  from: PartnerStatus;
  to: PartnerStatus;
  actor: Actor;
  action: string;
  reason?: string | undefined;
  at: Date;
  /** Extra columns to set with the status (submitted_at, approved_at, rejection_reason). */
  extra?: Record<string, unknown>;
}

/** Refuses a transition the lifecycle does not allow, naming the ones it does. */
export function assertTransition(from: PartnerStatus, to: PartnerStatus): void {
  if (canTransition(from, to)) return;
  const allowed = allowedTransitions(from);
  throw new ConflictError(
    "ILLEGAL_TRANSITION",
    `A ${from} partner cannot become ${to}; allowed: ${allowed.length > 0 ? allowed.join(", ") : "none"}.`,
    { from, to, allowed },
  );
}

/** Moves the status, audits it and emits `partner.status_changed`, all in `tx`. */
export async function transition(deps: Deps, tx: Tx, input: TransitionInput): Promise<void> {
  assertTransition(input.from, input.to);
  await tx.partner.update({ where: { id: input.partnerId }, data: { status: input.to, ...input.extra } });
  await recordAudit(tx, {
    partnerId: input.partnerId,
    actor: input.actor,
    action: input.action,
    before: { status: input.from },
    after: { status: input.to, ...input.extra },
    reason: input.reason ?? null,
  });
  await deps.outbox.add(
    tx,
    partnerStatusChangedV1,
    partnerStatusChangedV1.create({
      partnerId: input.partnerId,
      previousStatus: protoStatus(input.from),
      status: protoStatus(input.to),
      ...(input.reason ? { reason: input.reason } : {}),
      ...(input.actor.userId ? { changedByUserId: input.actor.userId } : {}),
      changedAt: timestampFromDate(input.at),
    }),
    { subject: input.partnerId },
  );
}
