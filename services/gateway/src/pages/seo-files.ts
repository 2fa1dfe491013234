import { escapeHtml } from "./html.ts";

export function renderSitemap(baseUrl: string, slugs: readonly string[]): string {
  const urls = [`${baseUrl}/partners`, ...slugs.map((slug) => `${baseUrl}/pcr/${encodeURIComponent(slug)}`)];
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls.map((url) => `<url><loc>${escapeHtml(url)}</loc></url>`).join("\n")}
</urlset>
`;
}

export function renderRobots(baseUrl: string): string {
  return `User-agent: *
Allow: /pcr/
Allow: /partners
Disallow: /api/
Disallow: /s/
Disallow: /dev/
Sitemap: ${baseUrl}/sitemap.xml
`;
}
