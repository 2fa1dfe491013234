// Admin partner search at scale: median latency of each filtered search with the service's indexes, as a ratio of
// the same queries with index and bitmap scans disabled (sequential scans), measured side by side in one run.
//   npm run bench -- partner-search [--partners 100000] [--runs 15]
import { parseArgs } from "node:util";
import { type PartnerSearch, searchPartners } from "../services/partner/src/repositories/partner-search.ts";
import { startPartner } from "../services/partner/test/helper.ts";
import { Cleanup } from "./support/environment.ts";
import { median } from "./support/stats.ts";

const { values: args } = parseArgs({
  options: { partners: { type: "string", default: "100000" }, runs: { type: "string", default: "15" } },
  allowPositionals: true,
});
const PARTNERS = Number(args.partners);
const RUNS = Number(args.runs);

const CASES: [string, Partial<PartnerSearch>][] = [
  ["text q='partner 4242'", { q: "partner 4242" }],
  ["status=REJECTED newest", { statuses: ["REJECTED"] }],
  ["focusArea=niche-42", { focusArea: "niche-42" }],
  ["region=TX & status=ACTIVE by pcr", { region: "TX", statuses: ["ACTIVE"], sort: "pcr" }],
  ["pcr 99.5-100 by pcr", { pcrMin: 99.5, pcrMax: 100, sort: "pcr" }],
  ["sorted by name", { sort: "name", order: "asc" }],
];

const cleanup = new Cleanup();
try {
  const h = await startPartner(cleanup);
  const seeded = performance.now();
  await h.db.$executeRawUnsafe(`
    INSERT INTO partner (id, company_name, slug, status, payment_tier, description, focus_areas, service_regions,
                         pcr_score, created_at, updated_at, search_vector)
    SELECT gen_random_uuid(), 'Partner ' || g, 'partner-' || g,
           (ARRAY['DRAFT','SUBMITTED','APPROVED','ACTIVE','INACTIVE','REJECTED'])[1 + g % 6]::"PartnerStatus",
           (ARRAY['FREE','VERIFIED','GOLD'])[1 + g % 3]::"PaymentTier", 'Contractor services ' || md5(g::text),
           ARRAY[(ARRAY['marketing','operations','finance','hiring','software'])[1 + g % 5], 'niche-' || (g % 997)],
           ARRAY[(ARRAY['TX','CA','FL','NY','OK'])[1 + g % 5]],
           CASE WHEN g % 4 = 0 THEN NULL ELSE (g % 10000) / 100.0 END, now() - make_interval(mins => g), now(),
         -- the same document refreshSearchVector writes (name A, description B)
         setweight(to_tsvector('simple', 'Partner ' || g), 'A') ||
           setweight(to_tsvector('simple', 'Contractor services ' || md5(g::text)), 'B')
    FROM generate_series(1, ${PARTNERS}) g`);
  await h.db.$executeRawUnsafe("ANALYZE partner");
  console.log(`seeded ${PARTNERS} partners in ${Math.round(performance.now() - seeded)} ms; ${RUNS} runs per case`);

  const time = async (search: PartnerSearch, indexes: boolean) =>
    h.db.$transaction(async (tx) => {
      if (!indexes) {
        await tx.$executeRawUnsafe("SET LOCAL enable_indexscan = off");
        await tx.$executeRawUnsafe("SET LOCAL enable_bitmapscan = off");
        await tx.$executeRawUnsafe("SET LOCAL enable_indexonlyscan = off");
      }
      const started = performance.now();
      await searchPartners(tx, search, null);
      return performance.now() - started;
    });

  console.log("case | indexed median ms | sequential median ms | ratio");
  for (const [label, partial] of CASES) {
    const search: PartnerSearch = { sort: "createdAt", order: "desc", limit: 25, ...partial };
    const indexed: number[] = [];
    const sequential: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      indexed.push(await time(search, true));
      sequential.push(await time(search, false));
    }
    const [a, b] = [median(indexed), median(sequential)];
    console.log(`${label} | ${a.toFixed(2)} | ${b.toFixed(2)} | ${(b / a).toFixed(1)}x faster with indexes`);
  }
} finally {
  await cleanup.run();
}
