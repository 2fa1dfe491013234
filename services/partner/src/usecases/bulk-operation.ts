import { HttpProblem } from "@tpx/service-kit";
import type { PartnerStatus } from "../domain/lifecycle.ts";
import type { PaymentTier } from "../domain/profile.ts";
import { changeStatusIn } from "./change-status.ts";
import { changeTierIn } from "./change-tier.ts";
import { deletePartnerIn } from "./delete-partner.ts";
import type { Actor } from "./support/actor.ts";
import type { Deps } from "./support/deps.ts";

export type BulkInput =
  | { action: "approve"; ids: string[] }
  | { action: "status"; ids: string[]; status: PartnerStatus; reason?: string }
  | { action: "tier"; ids: string[]; tier: PaymentTier; reason?: string }
  | { action: "delete"; ids: string[] };

export type BulkItemResult =
  | { id: string; ok: true; status?: PartnerStatus; paymentTier?: PaymentTier }
  | { id: string; ok: false; error: { status: number; code: string; detail: string } };

/**
 * Applies one action to many partners, each in its own transaction: one partner's refusal (illegal transition, not
 * found) does not undo or block the others, and the answer says what happened to every id.
 */
export async function bulkOperation(deps: Deps, actor: Actor, input: BulkInput): Promise<BulkItemResult[]> {
  const results: BulkItemResult[] = [];
  for (const id of new Set(input.ids)) {
    try {
      const outcome = await deps.db.$transaction(async (tx) => {
        switch (input.action) {
          case "approve":
            return changeStatusIn(deps, tx, actor, id, "APPROVED");
          case "status":
            return changeStatusIn(deps, tx, actor, id, input.status, input.reason);
          case "tier":
            return changeTierIn(deps, tx, actor, id, input.tier, input.reason);
          case "delete":
            await deletePartnerIn(deps, tx, actor, id);
            return null;
        }
      });
      results.push(
        outcome ? { id, ok: true, status: outcome.status, paymentTier: outcome.paymentTier } : { id, ok: true },
      );
    } catch (error) {
      if (!(error instanceof HttpProblem) || error.statusCode >= 500) throw error;
      results.push({
        id,
        ok: false,
        error: { status: error.statusCode, code: error.code, detail: error.detail ?? error.message },
      });
    }
  }
  return results;
}
