/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: string | number | null | undefined): string {
  return String(value ?? "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** JSON inside <script type="application/ld+json">: `<` escaped so no value can close the script element. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll("<", "\\u003c")
    .replaceAll("\u2028", "\\u2028")
    .replaceAll("\u2029", "\\u2029");
}

/** Only http(s) links are rendered as links; anything else (javascript:, data:) is dropped. */
export function safeUrl(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

export interface PageMeta {
  title: string;
  description: string;
  canonical: string;
  openGraph?: Record<string, string>;
  jsonLd?: unknown;
  robots?: string;
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;color:#1d2430}
header,footer{padding:.5rem 0}a{color:#0b5cad}.badge{display:inline-block;padding:.1rem .5rem;margin:.1rem;border-radius:1rem;background:#e6f0fa;font-size:.85rem}
.score{font-size:3rem;font-weight:700}.muted{color:#5b6675}table{border-collapse:collapse}td,th{padding:.25rem .75rem;text-align:left;border-bottom:1px solid #e3e7ec}
ul.partners{list-style:none;padding:0}ul.partners li{padding:.75rem 0;border-bottom:1px solid #e3e7ec}form.filters{display:flex;gap:.5rem;flex-wrap:wrap}`;

export function layout(meta: PageMeta, body: string): string {
  const og = Object.entries({
    "og:title": meta.title,
    "og:description": meta.description,
    "og:url": meta.canonical,
    "og:type": "website",
    ...meta.openGraph,
  })
    .map(([property, content]) => `<meta property="${escapeHtml(property)}" content="${escapeHtml(content)}">`)
    .join("\n");
  const jsonLd =
    meta.jsonLd === undefined ? "" : `<script type="application/ld+json">${jsonForScript(meta.jsonLd)}</script>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(meta.title)}</title>
<meta name="description" content="${escapeHtml(meta.description)}">
${meta.robots ? `<meta name="robots" content="${escapeHtml(meta.robots)}">` : ""}
<link rel="canonical" href="${escapeHtml(meta.canonical)}">
${og}
<meta name="twitter:card" content="summary">
${jsonLd}
<style>${STYLE}</style>
</head>
<body>
<header><a href="/partners">TPX partner directory</a></header>
<main>
${body}
</main>
<footer class="muted">PowerConfidence Ratings are computed from verified customer feedback.</footer>
</body>
</html>`;
}
