import {
  type ContractorNeeds,
  capabilityFit,
  geographyFit,
  type PartnerOffer,
  revenueFit,
  weightedScore,
} from "../domain/match-score.ts";
import { TopN } from "../domain/ranking.ts";
import { normalizeRegion } from "../domain/regions.ts";

/** Statuses that can be matched: approved by an admin and not deactivated since. */
export const MATCHABLE_STATUSES: ReadonlySet<string> = new Set(["approved", "active"]);

/** One row of the partner read model as the index loads it. */
export interface PartnerRow {
  id: string;
  slug: string;
  companyName: string;
  status: string;
  focusAreas: string[];
  revenueTiers: string[];
  serviceRegions: string[];
  capabilities: string[];
  pcrScore: number | null;
}

export interface IndexedPartner extends PartnerOffer {
  id: string;
  slug: string;
  companyName: string;
  /** Small integer standing for the partner in per-query counters. */
  slot: number;
}

export interface RankedPartner {
  partner: IndexedPartner;
  partnerId: string;
  score: number;
  pcrScore: number | null;
}

/**
 * Matchable partners held in memory with an inverted index from focus area to partners. A contractor can only match
 * a partner sharing at least one focus area (60% of the score), so only those are touched: walking the contractor's
 * focus areas counts the shared ones per partner (the focus component) without any set intersection, and partners
 * are then scored from most shared areas down, stopping as soon as even a perfect rest of the score could not enter
 * the top N.
 */
export class PartnerIndex {
  private readonly partners = new Map<string, IndexedPartner>();
  private readonly byFocusArea = new Map<string, Set<IndexedPartner>>();
  private readonly slots = new Map<string, number>();

  get size(): number {
    return this.partners.size;
  }

  /** Applies a read-model row: indexes it when matchable, removes it otherwise. */
  apply(row: PartnerRow): void {
    this.remove(row.id);
    if (!MATCHABLE_STATUSES.has(row.status) || row.focusAreas.length === 0) return;
    let slot = this.slots.get(row.id);
    if (slot === undefined) {
      slot = this.slots.size;
      this.slots.set(row.id, slot);
    }
    const partner: IndexedPartner = {
      id: row.id,
      slug: row.slug,
      companyName: row.companyName,
      slot,
      focusAreas: new Set(row.focusAreas),
      revenueTiers: new Set(row.revenueTiers),
      serviceRegions: new Set(row.serviceRegions.map(normalizeRegion)),
      capabilities: new Set(row.capabilities),
      pcrScore: row.pcrScore,
    };
    this.partners.set(row.id, partner);
    for (const area of partner.focusAreas) {
      let posting = this.byFocusArea.get(area);
      if (!posting) {
        posting = new Set();
        this.byFocusArea.set(area, posting);
      }
      posting.add(partner);
    }
  }

  get(id: string): IndexedPartner | undefined {
    return this.partners.get(id);
  }

  /** The best `limit` matchable partners for these needs, and how many were eligible (sharing a focus area). */
  top(needs: ContractorNeeds, limit: number): { ranked: RankedPartner[]; eligible: number } {
    const wanted = needs.focusAreas.size;
    const shared = new Uint8Array(this.slots.size);
    const touched: IndexedPartner[] = [];
    for (const area of needs.focusAreas) {
      const posting = this.byFocusArea.get(area);
      if (!posting) continue;
      for (const partner of posting) {
        const before = shared[partner.slot] ?? 0;
        shared[partner.slot] = before + 1;
        if (before === 0) touched.push(partner);
      }
    }
    const byShared: IndexedPartner[][] = Array.from({ length: wanted + 1 }, () => []);
    for (const partner of touched) byShared[shared[partner.slot] as number]?.push(partner);

    const best = new TopN<RankedPartner>(limit);
    for (let count = wanted; count >= 1; count--) {
      const focus = count / wanted;
      const ceiling = weightedScore({ focus, revenue: 1, geography: 1, capability: 1 });
      if (!best.admits({ partnerId: "", score: ceiling, pcrScore: Number.POSITIVE_INFINITY })) break;
      for (const partner of byShared[count] ?? []) {
        const score = weightedScore({
          focus,
          revenue: revenueFit(needs, partner),
          geography: geographyFit(needs, partner),
          capability: capabilityFit(needs, partner),
        });
        const candidate = { partner, partnerId: partner.id, score, pcrScore: partner.pcrScore };
        if (best.admits(candidate)) best.offer(candidate);
      }
    }
    return { ranked: best.ranked(), eligible: touched.length };
  }

  private remove(id: string): void {
    const existing = this.partners.get(id);
    if (!existing) return;
    this.partners.delete(id);
    for (const area of existing.focusAreas) {
      const posting = this.byFocusArea.get(area);
      posting?.delete(existing);
      if (posting?.size === 0) this.byFocusArea.delete(area);
    }
  }
}
