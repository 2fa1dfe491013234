import { randomUUID } from "node:crypto";
import { partnerRegisteredV1, timestampFromDate } from "@tpx/contracts";
import type { Tx } from "../db.ts";
import { slugify } from "../domain/slug.ts";
import { refreshSearchVector } from "../repositories/search-vector.ts";
import { freeSlug } from "../repositories/slugs.ts";
import type { Actor } from "./support/actor.ts";
import { recordAudit } from "./support/audit.ts";
import type { Deps } from "./support/deps.ts";

export interface RegisterPartnerInput {
  companyName: string;
  ownerUserId?: string;
  actor: Actor;
}

/**
 * Creates a draft partner with a collision-free slug and emits `partner.registered`, in the caller's transaction
 * (the user.registered consumer's inbox transaction, or the admin create's own).
 */
export async function registerPartner(
  deps: Deps,
  tx: Tx,
  input: RegisterPartnerInput,
): Promise<{ id: string; slug: string }> {
  const id = randomUUID();
  const companyName = input.companyName.trim().replace(/\s+/g, " ");
  const slug = await freeSlug(tx, slugify(companyName));
  const now = new Date();
  await tx.partner.create({
    data: { id, companyName, slug, ownerUserId: input.ownerUserId ?? null, createdAt: now, updatedAt: now },
  });
  await refreshSearchVector(tx, id);
  await recordAudit(tx, {
    partnerId: id,
    actor: input.actor,
    action: "create",
    before: null,
    after: { companyName, slug, status: "DRAFT", ownerUserId: input.ownerUserId ?? null },
  });
  await deps.outbox.add(
    tx,
    partnerRegisteredV1,
    partnerRegisteredV1.create({
      partnerId: id,
      slug,
      companyName,
      ...(input.ownerUserId ? { ownerUserId: input.ownerUserId } : {}),
      registeredAt: timestampFromDate(now),
    }),
    { subject: id },
  );
  return { id, slug };
}
