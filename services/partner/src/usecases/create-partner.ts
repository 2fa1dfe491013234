import { ValidationError } from "@tpx/service-kit";
import type { PaymentTier } from "../domain/profile.ts";
import { type ProfileInput, validateProfileInput } from "../domain/profile-patch.ts";
import { loadPartner, loadPartnerForUpdate } from "../repositories/partner-record.ts";
import { type PartnerView, partnerView } from "./partner-view.ts";
import { registerPartner } from "./register-partner.ts";
import type { Actor } from "./support/actor.ts";
import { applyProfileChange } from "./support/apply-profile-change.ts";
import type { Deps } from "./support/deps.ts";

/** An admin creates a partner (a draft without an owner user), optionally with profile fields and a tier. */
export async function createPartner(
  deps: Deps,
  actor: Actor,
  input: ProfileInput & { companyName: string; paymentTier?: PaymentTier },
): Promise<PartnerView> {
  const { paymentTier, ...fields } = input;
  const { patch, problems } = validateProfileInput(fields);
  if (problems.length > 0) throw new ValidationError(problems);
  return deps.db.$transaction(async (tx) => {
    const { id } = await registerPartner(deps, tx, { companyName: patch.companyName ?? input.companyName, actor });
    const loaded = (await loadPartnerForUpdate(tx, id))!;
    const { companyName: _name, ...rest } = patch;
    if (Object.keys(rest).length > 0 || paymentTier) {
      await applyProfileChange(
        deps,
        tx,
        loaded,
        { patch: rest, ...(paymentTier ? { paymentTier } : {}) },
        actor,
        "admin.update",
      );
    }
    return partnerView((await loadPartner(tx, id))!);
  });
}
