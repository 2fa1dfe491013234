import { randomUUID } from "node:crypto";
import { ConflictError, ValidationError } from "@tpx/service-kit";
import type { Tx } from "../../db.ts";
import { type Completion, computeCompletion } from "../../domain/completion.ts";
import { completedSteps } from "../../domain/onboarding-steps.ts";
import type { Audience, PartnerState, PaymentTier, Reference } from "../../domain/profile.ts";
import type { ProfilePatch } from "../../domain/profile-patch.ts";
import { SLUG_PATTERN, slugify } from "../../domain/slug.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import type { LoadedPartner } from "../../repositories/partner-record.ts";
import { refreshSearchVector } from "../../repositories/search-vector.ts";
import { freeSlug } from "../../repositories/slugs.ts";
import type { Actor } from "./actor.ts";
import { changedFields, recordAudit } from "./audit.ts";
import type { Deps } from "./deps.ts";
import { emitProfileUpdated } from "./events.ts";

export interface ProfileChange {
  patch: ProfilePatch;
  customerReferences?: Reference[];
  employeeReferences?: Reference[];
  /** Chosen in onboarding step 8 (afterwards only an admin changes the tier, see change-tier). */
  paymentTier?: PaymentTier;
  /** The onboarding step this change saves, so step 8 counts as done once saved. */
  savedStep?: number;
  /** An admin's explicit new slug. */
  slug?: string;
}

async function nextSlug(tx: Tx, loaded: LoadedPartner, next: PartnerState, change: ProfileChange, actor: Actor) {
  const published = loaded.row.approvedAt !== null;
  if (change.slug !== undefined && change.slug !== loaded.state.slug) {
    if (!SLUG_PATTERN.test(change.slug) || change.slug.length > 60) {
      throw new ValidationError([{ field: "body.slug", message: "must be lowercase words joined by hyphens" }]);
    }
    if ((await freeSlug(tx, change.slug, loaded.state.id)) !== change.slug) {
      throw new ConflictError("SLUG_TAKEN", `The slug "${change.slug}" is already used by another partner.`);
    }
    return change.slug;
  }
  if (next.companyName === loaded.state.companyName) return loaded.state.slug;
  // Stable once published: after approval only an admin's rename moves the public URL (the old one redirects).
  if (published && actor.role !== "admin") return loaded.state.slug;
  const base = slugify(next.companyName);
  // Already derived from this name (a rename that only changed case or punctuation keeps the slug).
  const suffix = loaded.state.slug.startsWith(`${base}-`) ? loaded.state.slug.slice(base.length + 1) : null;
  if (loaded.state.slug === base || (suffix !== null && /^\d+$/.test(suffix))) return loaded.state.slug;
  return freeSlug(tx, base, loaded.state.id);
}

async function replaceReferences(tx: Tx, loaded: LoadedPartner, audience: Audience, references: Reference[]) {
  const previous = new Map(loaded.row.references.map((row) => [row.email, row.id]));
  await tx.partnerReference.deleteMany({ where: { partnerId: loaded.state.id, audience } });
  await tx.partnerReference.createMany({
    data: references.map((reference, position) => ({
      // Same e-mail, same id: the survey service keys recipients by reference id.
      id: previous.get(reference.email) ?? randomUUID(),
      partnerId: loaded.state.id,
      audience,
      position,
      name: reference.name,
      company: reference.company,
      email: reference.email,
      phone: reference.phone ?? null,
    })),
  });
}

function audited(state: PartnerState): Record<string, unknown> {
  const { id: _id, status: _status, completedSteps: _steps, ...rest } = state;
  return rest;
}

/**
 * The one way a partner's profile changes (onboarding steps, self-service edits, admin edits): recomputes completion
 * and completed steps, keeps the slug rules, writes the audit entry and `partner.profile.updated`, all in `tx`.
 */
export async function applyProfileChange(
  deps: Deps,
  tx: Tx,
  loaded: LoadedPartner,
  change: ProfileChange,
  actor: Actor,
  action: string,
): Promise<{ state: PartnerState; completion: Completion }> {
  const next: PartnerState = {
    ...loaded.state,
    ...change.patch,
    ...(change.customerReferences ? { customerReferences: change.customerReferences } : {}),
    ...(change.employeeReferences ? { employeeReferences: change.employeeReferences } : {}),
    ...(change.paymentTier ? { paymentTier: change.paymentTier } : {}),
  };
  next.slug = await nextSlug(tx, loaded, next, change, actor);
  const saved = change.savedStep ? [...loaded.state.completedSteps, change.savedStep] : loaded.state.completedSteps;
  next.completedSteps = completedSteps(next, saved);
  const completion = computeCompletion(next);
  const diff = changedFields(audited(loaded.state), audited(next));

  if (next.slug !== loaded.state.slug) {
    await tx.partnerSlugHistory.deleteMany({ where: { slug: next.slug, partnerId: next.id } });
    if (loaded.row.approvedAt !== null) {
      await tx.partnerSlugHistory.create({ data: { slug: loaded.state.slug, partnerId: next.id } });
    }
  }
  if (change.customerReferences) await replaceReferences(tx, loaded, "CUSTOMER", change.customerReferences);
  if (change.employeeReferences) await replaceReferences(tx, loaded, "EMPLOYEE", change.employeeReferences);
  await tx.partner.update({
    where: { id: next.id },
    data: {
      companyName: next.companyName,
      slug: next.slug,
      website: next.website,
      description: next.description,
      logoUrl: next.logoUrl,
      contactEmail: next.contactEmail,
      contactPhone: next.contactPhone,
      address: (next.address ?? undefined) as Prisma.InputJsonValue | undefined,
      capabilities: next.capabilities as unknown as Prisma.InputJsonValue,
      focusAreas: next.focusAreas,
      revenueTiers: next.revenueTiers,
      serviceRegions: next.serviceRegions,
      videos: next.videos as unknown as Prisma.InputJsonValue,
      paymentTier: next.paymentTier,
      completedSteps: next.completedSteps,
      profileCompletion: completion.percent,
    },
  });
  if (diff.fields.includes("companyName") || diff.fields.includes("description")) {
    await refreshSearchVector(tx, next.id);
  }
  if (diff.fields.length > 0) {
    await recordAudit(tx, { partnerId: next.id, actor, action, before: diff.before, after: diff.after });
  }
  // References never leave through this event (personal data; only onboarding.completed carries them to survey).
  const notPublished = new Set(["customerReferences", "employeeReferences", "paymentTier"]);
  const published = diff.fields.filter((field) => !notPublished.has(field));
  await emitProfileUpdated(deps.outbox, tx, next, completion, published, new Date());
  return { state: next, completion };
}
