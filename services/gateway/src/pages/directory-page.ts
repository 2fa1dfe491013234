import { escapeHtml, layout, safeUrl } from "./html.ts";
import type { DirectoryPage, DirectoryQuery } from "./public-partner.ts";

function queryString(query: DirectoryQuery, cursor?: string): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...query, cursor })) {
    if (value !== undefined && value !== "" && name !== "limit") params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

export function renderDirectoryPage(page: DirectoryPage, query: DirectoryQuery, baseUrl: string): string {
  const items = page.items
    .map((item) => {
      const logo = safeUrl(item.logoUrl);
      return `<li><a href="/pcr/${encodeURIComponent(item.slug)}">${logo ? `<img src="${escapeHtml(logo)}" alt="" width="24" height="24"> ` : ""}${escapeHtml(item.companyName)}</a>
 <span class="pcr">${item.pcr === null ? "PCR pending" : `PCR ${escapeHtml(item.pcr)}`}</span>
 ${item.badges.map((badge) => `<span class="badge">${escapeHtml(badge)}</span>`).join(" ")}
 <div class="muted">${item.focusAreas.map(escapeHtml).join(", ")}${item.serviceRegions.length ? ` · ${item.serviceRegions.map(escapeHtml).join(", ")}` : ""}</div></li>`;
    })
    .join("\n");
  const next = page.nextCursor
    ? `<p><a rel="next" href="/partners${escapeHtml(queryString(query, page.nextCursor))}">More partners</a></p>`
    : "";
  const form = `<form class="filters" method="get" action="/partners" role="search">
<input type="search" name="q" placeholder="Search partners" value="${escapeHtml(query.q)}">
<input name="focusArea" placeholder="Focus area" value="${escapeHtml(query.focusArea)}">
<input name="region" placeholder="Region (e.g. US-TX)" value="${escapeHtml(query.region)}">
<input type="number" name="minPcr" min="0" max="100" placeholder="Min PCR" value="${escapeHtml(query.minPcr)}">
<select name="sort"><option value="pcr"${query.sort !== "name" ? " selected" : ""}>Highest PCR</option><option value="name"${query.sort === "name" ? " selected" : ""}>Name</option></select>
<button type="submit">Filter</button></form>`;
  const filtered = Boolean(query.q || query.focusArea || query.region || query.minPcr !== undefined || query.cursor);
  return layout(
    {
      title: "Partner directory – PowerConfidence Ratings | TPX",
      description:
        "Find strategic partners for contractors, ranked by their PowerConfidence Rating from verified feedback.",
      canonical: `${baseUrl}/partners`,
      // filtered variants point at the canonical list and stay out of the index
      ...(filtered ? { robots: "noindex, follow" } : {}),
    },
    `<h1>Partner directory</h1>${form}<ul class="partners">${items || "<li>No partners match.</li>"}</ul>${next}`,
  );
}
