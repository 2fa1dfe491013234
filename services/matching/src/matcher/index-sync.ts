import type { SqlExecutor } from "@tpx/db";
import { PartnerIndex, type PartnerRow } from "./partner-index.ts";

const PAGE = 5_000;

interface SyncRow {
  id: string;
  slug: string;
  company_name: string;
  status: string;
  focus_areas: string[];
  revenue_tiers: string[];
  service_regions: string[];
  capabilities: string[];
  pcr_score: number | null;
  sync_seq: bigint;
}

/**
 * Keeps a PartnerIndex equal to the `match_partner` table. Every read-model write takes a new `sync_seq` under one
 * transaction-level advisory lock (repositories/partner-read-model.ts), so sequence order is commit order and
 * "rows with sync_seq above the last one seen" is exactly what changed: each match first loads that delta, usually
 * nothing, with one indexed query. Every replica keeps its own index this way.
 */
export class PartnerIndexSync {
  readonly index = new PartnerIndex();
  private cursor = 0n;
  private running: Promise<void> | undefined;
  private readonly db: SqlExecutor;

  constructor(db: SqlExecutor) {
    this.db = db;
  }

  /** Loads what changed since the last call; concurrent callers share one load. */
  async refresh(): Promise<PartnerIndex> {
    if (!this.running) {
      this.running = this.load().finally(() => {
        this.running = undefined;
      });
    }
    await this.running;
    return this.index;
  }

  private async load(): Promise<void> {
    for (;;) {
      const rows = await this.db.$queryRawUnsafe<SyncRow[]>(
        `SELECT id::text, slug, company_name, status, focus_areas, revenue_tiers, service_regions, capabilities,
                pcr_score, sync_seq
           FROM match_partner WHERE sync_seq > $1::bigint ORDER BY sync_seq LIMIT ${PAGE}`,
        this.cursor.toString(),
      );
      for (const row of rows) {
        this.index.apply(toPartnerRow(row));
        this.cursor = BigInt(row.sync_seq);
      }
      if (rows.length < PAGE) return;
    }
  }
}

function toPartnerRow(row: SyncRow): PartnerRow {
  return {
    id: row.id,
    slug: row.slug,
    companyName: row.company_name,
    status: row.status,
    focusAreas: row.focus_areas,
    revenueTiers: row.revenue_tiers,
    serviceRegions: row.service_regions,
    capabilities: row.capabilities,
    pcrScore: row.pcr_score,
  };
}
