// Search at 100,000 partners: seeded with one generate_series INSERT, then EXPLAIN shows each filtered search of the
// admin API is answered from an index (not a sequential scan), and the API pages through results with its cursor.
import t from "tap";
import { type PartnerSearch, searchPartners } from "../../src/repositories/partner-search.ts";
import { startPartner } from "../helper.ts";

const h = await startPartner(t);
const PARTNERS = 100_000;

const seeded = Date.now();
await h.db.$executeRawUnsafe(`
  INSERT INTO partner (id, company_name, slug, status, payment_tier, description, focus_areas, service_regions,
                       pcr_score, created_at, updated_at, search_vector)
  SELECT gen_random_uuid(), 'Partner ' || g, 'partner-' || g,
         (ARRAY['DRAFT','SUBMITTED','APPROVED','ACTIVE','INACTIVE','REJECTED'])[1 + g % 6]::"PartnerStatus",
         (ARRAY['FREE','VERIFIED','GOLD'])[1 + g % 3]::"PaymentTier",
         'Contractor services ' || md5(g::text),
         ARRAY[(ARRAY['marketing','operations','finance','hiring','software'])[1 + g % 5], 'niche-' || (g % 997)],
         ARRAY[(ARRAY['TX','CA','FL','NY','OK'])[1 + g % 5]],
         CASE WHEN g % 4 = 0 THEN NULL ELSE (g % 10000) / 100.0 END,
         now() - make_interval(mins => g), now(),
         -- the same document refreshSearchVector writes (name A, description B)
         setweight(to_tsvector('simple', 'Partner ' || g), 'A') ||
           setweight(to_tsvector('simple', 'Contractor services ' || md5(g::text)), 'B')
  FROM generate_series(1, ${PARTNERS}) g`);
await h.db.$executeRawUnsafe("ANALYZE partner");
t.comment(`seeded ${PARTNERS} partners in ${Date.now() - seeded} ms`);

async function plan(search: Omit<PartnerSearch, "limit" | "sort" | "order"> & Partial<PartnerSearch>) {
  const full: PartnerSearch = { sort: "createdAt", order: "desc", limit: 25, ...search };
  return h.db.$transaction(async (tx) => {
    const { sql, params } = await searchPartners(tx, full, null);
    const rows = await tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${sql}`, ...params);
    return rows.map((row) => row["QUERY PLAN"]).join("\n");
  });
}

const CASES: [string, Parameters<typeof plan>[0], RegExp][] = [
  ["text search", { q: "partner 4242" }, /partner_search_vector_idx/],
  // A sixth or a third of all rows: the planner may walk the created_at index and stop after 25 matches instead.
  ["status, newest first", { statuses: ["REJECTED"] }, /partner_(status_)?created_at_id_idx/],
  ["tier, newest first", { tier: "GOLD" }, /partner_(payment_tier_)?created_at_id_idx/],
  ["narrow focus area", { focusArea: "niche-42" }, /partner_focus_areas_idx/],
  ["PCR range by PCR", { pcrMin: 99.5, pcrMax: 100, sort: "pcr" }, /partner_pcr_score_id_idx/],
  ["created range", { createdFrom: new Date(Date.now() - 3_600_000).toISOString() }, /partner_created_at_id_idx/],
  ["sorted by name", { sort: "name", order: "asc" }, /partner_company_name_id_idx/],
];

t.test(`search at ${PARTNERS} partners`, async (t) => {
  for (const [label, search, index] of CASES) {
    const explained = await plan(search);
    t.match(explained, index, `${label}: uses ${index.source}`);
    t.notMatch(explained, /Seq Scan on partner/, `${label}: no sequential scan`);
  }

  t.test("the admin API filters and pages through results with its cursor, without gaps or repeats", async (t) => {
    const seen = new Set<string>();
    const scores: (number | null)[] = [];
    let cursor: string | null = null;
    let pages = 0;
    const started = Date.now();
    do {
      const query: string = `/admin/partners?status=ACTIVE&region=TX&sort=pcr&order=desc&limit=100${cursor ? `&cursor=${cursor}` : ""}`;
      const res = await h.admin("GET", query);
      t.equal(res.statusCode, 200);
      for (const item of res.json().items as { id: string; status: string; pcrScore: number | null }[]) {
        if (seen.has(item.id)) t.fail(`repeated ${item.id}`);
        seen.add(item.id);
        if (item.status !== "ACTIVE") t.fail("status filter");
        scores.push(item.pcrScore);
      }
      cursor = res.json().nextCursor;
      pages++;
    } while (cursor && pages < 5);
    t.equal(seen.size, 500, "five full pages");
    const ordered = scores.every((score, i) => i === 0 || score === null || (scores[i - 1] ?? -1) >= score);
    t.ok(ordered, "PCR descending, partners without a PCR after the scored ones");
    t.comment(`5 pages of 100 in ${Date.now() - started} ms`);
    const text = await h.admin("GET", "/admin/partners?q=Partner%2077777");
    t.same(
      text.json().items.map((i: { companyName: string }) => i.companyName),
      ["Partner 77777"],
    );
  });
});
