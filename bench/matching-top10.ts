// Top 10 matches for one contractor among 50,000 partners (target P7: p99 ≤ 20 ms on this box).
//
//   npm run bench -- matching-top10 [--partners 50000] [--rounds 5] [--iterations 400]
//
// A: what a match request does before it records anything: load the read-model delta (one indexed query, usually
//    empty) and rank the contractor against the in-memory partner index (services/matching/src/matcher).
// B: a plain SQL scan of the same `match_partner` table computing the same formula, ORDER BY … LIMIT 10.
// A's in-memory ranking alone is also shown, to separate it from the delta query.
// C: a whole recorded run (matchContractor: rank + match_run + results + leads + outbox rows, one transaction).
// A and B run interleaved per round; the ratio is the median of per-round p50(B) / p50(A) with its range. The two
// top-10 lists are compared, so the scan also checks the index.
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Outbox } from "@tpx/messaging";
import { createTestDatabase } from "@tpx/testing";
import { createDb } from "../services/matching/src/db.ts";
import type { MatchingDeps } from "../services/matching/src/deps.ts";
import { REVENUE_TIERS } from "../services/matching/src/domain/revenue-tiers.ts";
import { PartnerIndexSync } from "../services/matching/src/matcher/index-sync.ts";
import { matchContractor } from "../services/matching/src/usecases/match-contractor.ts";
import { rankPartners } from "../services/matching/src/usecases/rank-partners.ts";
import { Cleanup } from "./support/environment.ts";
import { median, summarize } from "./support/stats.ts";

const { values } = parseArgs({
  options: {
    partners: { type: "string", default: "50000" },
    rounds: { type: "string", default: "5" },
    iterations: { type: "string", default: "400" },
  },
});
const PARTNERS = Number(values.partners);
const ROUNDS = Number(values.rounds);
const ITERATIONS = Number(values.iterations);

const FOCUS_AREAS = Array.from({ length: 20 }, (_, i) => `focus-${i}`);
const CAPABILITIES = Array.from({ length: 15 }, (_, i) => `cap-${i}`);
const STATES = ["TX", "CA", "NY", "FL", "IL", "PA", "OH", "GA", "NC", "MI", "NJ", "VA", "WA", "AZ", "MA"];
const STATUSES = [
  "active",
  "active",
  "active",
  "active",
  "active",
  "active",
  "approved",
  "approved",
  "inactive",
  "draft",
];

/** A small deterministic generator, so every run benchmarks the same table. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

function pick<T>(next: () => number, items: readonly T[], min: number, max: number): T[] {
  const count = min + Math.floor(next() * (max - min + 1));
  const chosen = new Set<T>();
  while (chosen.size < Math.min(count, items.length)) chosen.add(items[Math.floor(next() * items.length)] as T);
  return [...chosen];
}

const contractor = {
  id: randomUUID(),
  companyName: "Bench Builders",
  revenueTier: "5m-10m",
  state: "TX",
  focusAreas: ["focus-1", "focus-4", "focus-9"],
  goals: [],
  capabilitiesNeeded: ["cap-2", "cap-7"],
  contactName: "Bench",
  contactEmail: "bench@example.com",
};

const SCAN_SQL = `
  WITH scored AS (
    SELECT id::text AS id, pcr_score,
      round((
        0.6 * cardinality(ARRAY(SELECT unnest(focus_areas) INTERSECT SELECT unnest($1::text[])))::numeric
            / cardinality($1::text[])
      + 0.2 * CASE WHEN cardinality(revenue_tiers) = 0 THEN 0.5
                   WHEN $2 = ANY(revenue_tiers) THEN 1
                   WHEN EXISTS (SELECT 1 FROM unnest(revenue_tiers) r
                                 WHERE abs(array_position($3::text[], r) - array_position($3::text[], $2)) = 1)
                   THEN 0.5 ELSE 0 END
      + 0.1 * CASE WHEN cardinality(service_regions) = 0 THEN 0.5
                   WHEN $4 = ANY(service_regions) THEN 1
                   WHEN 'national' = ANY(service_regions) THEN 0.8 ELSE 0 END
      + 0.1 * CASE WHEN cardinality($5::text[]) = 0 THEN 1
                   ELSE cardinality(ARRAY(SELECT unnest(capabilities) INTERSECT SELECT unnest($5::text[])))::numeric
                        / cardinality($5::text[]) END
      ), 4) AS score
    FROM match_partner
    WHERE status IN ('approved', 'active') AND focus_areas && $1::text[]
  )
  SELECT id, score::float8 AS score FROM scored ORDER BY score DESC, pcr_score DESC NULLS LAST, id LIMIT 10`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function timeEach(iterations: number, fn: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples;
}

async function main(): Promise<void> {
  const cleanup = new Cleanup();
  try {
    const migrationsDir = fileURLToPath(new URL("../services/matching/prisma/migrations", import.meta.url));
    const database = await createTestDatabase(cleanup, { migrationsDir, name: "matching_bench" });
    const db = createDb(database.url, 4);
    cleanup.teardown(() => db.$disconnect());

    const next = random(42);
    const seedStart = performance.now();
    for (let offset = 0; offset < PARTNERS; offset += 2_000) {
      const rows = Array.from({ length: Math.min(2_000, PARTNERS - offset) }, () => ({
        id: randomUUID(),
        status: STATUSES[Math.floor(next() * STATUSES.length)] as string,
        focus: pick(next, FOCUS_AREAS, 1, 4),
        tiers: pick(next, REVENUE_TIERS, 0, 3),
        regions: next() < 0.15 ? ["national"] : pick(next, STATES, 0, 5),
        caps: pick(next, CAPABILITIES, 0, 5),
        pcr: next() < 0.7 ? Math.round(next() * 10_000) / 100 : null,
      }));
      await db.$executeRawUnsafe(
        `INSERT INTO match_partner (id, slug, company_name, status, focus_areas, revenue_tiers, service_regions,
                                    capabilities, pcr_score, updated_at)
         SELECT r.id::uuid, 'p-' || left(r.id, 8), 'Partner ' || left(r.id, 8), r.status,
                ARRAY(SELECT json_array_elements_text(r.focus)), ARRAY(SELECT json_array_elements_text(r.tiers)),
                ARRAY(SELECT json_array_elements_text(r.regions)), ARRAY(SELECT json_array_elements_text(r.caps)),
                r.pcr, now()
           FROM json_to_recordset($1::json)
             AS r(id text, status text, focus json, tiers json, regions json, caps json, pcr float8)`,
        JSON.stringify(rows),
      );
    }
    await db.$executeRawUnsafe("ANALYZE match_partner");
    await db.contractor.create({ data: contractor });
    console.log(`seeded ${PARTNERS} partners in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

    const sync = new PartnerIndexSync(db);
    const loadStart = performance.now();
    await sync.refresh();
    const rss = process.memoryUsage().rss / 2 ** 20;
    console.log(
      `index: ${sync.index.size} matchable partners loaded in ${(performance.now() - loadStart).toFixed(0)} ms (rss ${rss.toFixed(0)} MB)`,
    );

    const viaIndex = async () => rankPartners(await sync.refresh(), contractor, 10);
    const viaScan = () =>
      db.$queryRawUnsafe<{ id: string; score: number }[]>(
        SCAN_SQL,
        contractor.focusAreas,
        contractor.revenueTier,
        [...REVENUE_TIERS],
        contractor.state,
        contractor.capabilitiesNeeded,
      );

    const indexTop = (await viaIndex()).candidates;
    const scanTop = await viaScan();
    const same =
      JSON.stringify(indexTop.map((c) => [c.partnerId, c.score])) ===
      JSON.stringify(scanTop.map((r) => [r.id, r.score]));
    console.log(`eligible partners: ${(await viaIndex()).eligible}; index top 10 equals SQL scan top 10: ${same}`);
    if (!same) console.log({ indexTop: indexTop.map((c) => [c.partnerId, c.score]), scanTop });

    await timeEach(50, viaIndex);
    await timeEach(10, viaScan);
    const all = { index: [] as number[], scan: [] as number[], rankOnly: [] as number[] };
    const rankOnly = async () => rankPartners(sync.index, contractor, 10);
    const ratios: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const a = await timeEach(ITERATIONS, viaIndex);
      const b = await timeEach(Math.max(20, Math.round(ITERATIONS / 10)), viaScan);
      all.index.push(...a);
      all.rankOnly.push(...(await timeEach(ITERATIONS, rankOnly)));
      all.scan.push(...b);
      ratios.push(median(b) / median(a));
      console.log(`round ${round}: index p50 ${median(a).toFixed(2)} ms, SQL scan p50 ${median(b).toFixed(2)} ms`);
    }

    const deps: MatchingDeps = {
      db,
      outbox: new Outbox({ service: "matching", namespace: "bench" }),
      partners: sync,
      topN: { default: 10, max: 10 },
    };
    const recorded = await timeEach(Math.max(50, Math.round(ITERATIONS / 4)), () =>
      matchContractor(deps, { contractorId: contractor.id, limit: 10 }),
    );

    const report = (name: string, samples: number[]) => {
      const sorted = [...samples].sort((x, y) => x - y);
      console.log(
        `${name.padEnd(34)} n=${String(sorted.length).padStart(5)}  p50 ${percentile(sorted, 50).toFixed(2)} ms  p99 ${percentile(sorted, 99).toFixed(2)} ms`,
      );
    };
    console.log("");
    report("A top 10 via partner index", all.index);
    report("  of which ranking in memory", all.rankOnly);
    report("B top 10 via plain SQL scan", all.scan);
    report("C recorded run (rank+record+leads)", recorded);
    console.log(`ratio SQL scan / index, p50 per round: ${summarize(ratios)}x`);
    const p99 = percentile(
      [...all.index].sort((x, y) => x - y),
      99,
    );
    console.log(`P7 target p99 ≤ 20 ms: ${p99 <= 20 ? "met" : "NOT met"} (${p99.toFixed(2)} ms)`);
  } finally {
    await cleanup.run();
  }
}

await main();
