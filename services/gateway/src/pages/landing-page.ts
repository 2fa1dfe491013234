import { escapeHtml, layout, safeUrl } from "./html.ts";
import type { PublicPartner } from "./public-partner.ts";

const MOMENTUM_LABEL = { hot: "Rising", stable: "Steady", declining: "Declining" } as const;

/** schema.org Organization; the PCR (0-100) becomes its AggregateRating when the partner has been scored. */
export function organizationJsonLd(partner: PublicPartner, canonical: string): Record<string, unknown> {
  const website = safeUrl(partner.website);
  const logo = safeUrl(partner.logoUrl);
  const organization: Record<string, unknown> = {
    "@context": "https://schema.org",
    "@type": "Organization",
    name: partner.companyName,
    url: canonical,
    ...(partner.description ? { description: partner.description } : {}),
    ...(logo ? { logo } : {}),
    ...(website ? { sameAs: [website] } : {}),
  };
  if (partner.pcr) {
    organization.aggregateRating = {
      "@type": "AggregateRating",
      ratingValue: partner.pcr.score,
      bestRating: 100,
      worstRating: 0,
      ratingCount: partner.pcr.responseCount,
    };
  }
  return organization;
}

function pcrSection(partner: PublicPartner): string {
  const pcr = partner.pcr;
  if (!pcr) {
    const pending = partner.pendingResponses;
    const progress = pending ? ` (${pending.have} of ${pending.need} responses)` : "";
    return `<section id="pcr"><h2>PowerConfidence Rating</h2><p class="muted">Rating pending${escapeHtml(progress)}.</p></section>`;
  }
  const confidence = pcr.confidence
    ? `<p id="pcr-confidence">Confidence range ${escapeHtml(pcr.confidence.low)}–${escapeHtml(pcr.confidence.high)}${pcr.confidence.provisional ? " (provisional)" : ""}</p>`
    : "";
  const b = pcr.breakdown;
  return `<section id="pcr"><h2>PowerConfidence Rating</h2>
<p class="score" id="pcr-score">${escapeHtml(pcr.score)}</p>
<p id="pcr-momentum">Momentum: ${escapeHtml(MOMENTUM_LABEL[pcr.momentum] ?? pcr.momentum)}</p>
${confidence}
<p id="pcr-badges">${pcr.badges.map((badge) => `<span class="badge">${escapeHtml(badge)}</span>`).join(" ")}</p>
<table id="pcr-metrics"><tbody>
<tr><th>Verified responses</th><td>${escapeHtml(pcr.responseCount)}</td></tr>
<tr><th>Profile</th><td>${escapeHtml(b.profile)}</td></tr>
<tr><th>Customer feedback</th><td>${escapeHtml(b.feedback)}</td></tr>
<tr><th>Base score</th><td>${escapeHtml(b.base)}</td></tr>
<tr><th>Momentum points</th><td>${escapeHtml(b.momentumPoints)}</td></tr>
<tr><th>Computed</th><td>${escapeHtml(pcr.computedAt.slice(0, 10))}</td></tr>
</tbody></table></section>`;
}

function listSection(id: string, title: string, items: string[]): string {
  if (items.length === 0) return "";
  return `<section id="${id}"><h2>${escapeHtml(title)}</h2><ul>${items.map((item) => `<li>${item}</li>`).join("")}</ul></section>`;
}

export function renderLandingPage(partner: PublicPartner, baseUrl: string): string {
  const canonical = `${baseUrl}/pcr/${encodeURIComponent(partner.slug)}`;
  const scoreText = partner.pcr ? `PowerConfidence Rating ${partner.pcr.score}/100. ` : "";
  const description = `${scoreText}${partner.description ?? `${partner.companyName} on TPX.`}`.slice(0, 300);
  const logo = safeUrl(partner.logoUrl);
  const website = safeUrl(partner.website);
  const videos = partner.videos.flatMap((video) => {
    const url = safeUrl(video.url);
    return url
      ? [
          `<a href="${escapeHtml(url)}" rel="noopener nofollow">${escapeHtml(video.title)}</a> <span class="muted">${escapeHtml(video.provider)}</span>`,
        ]
      : [];
  });
  const testimonials = partner.testimonials.map(
    (t) =>
      `<blockquote>${escapeHtml(t.text)}</blockquote><p class="muted">${escapeHtml(t.audience)}, ${escapeHtml(t.quarter)}${t.rating === undefined ? "" : ` · ${escapeHtml(t.rating)}/10`}</p>`,
  );
  const body = `<article>
<h1>${logo ? `<img src="${escapeHtml(logo)}" alt="" width="48" height="48"> ` : ""}${escapeHtml(partner.companyName)}</h1>
<p class="muted">${escapeHtml(partner.tier)} partner${website ? ` · <a href="${escapeHtml(website)}" rel="noopener nofollow">${escapeHtml(new URL(website).host)}</a>` : ""}</p>
${partner.description ? `<p id="description">${escapeHtml(partner.description)}</p>` : ""}
${pcrSection(partner)}
${listSection("focus-areas", "Focus areas", partner.focusAreas.map(escapeHtml))}
${listSection("regions", "Service regions", partner.serviceRegions.map(escapeHtml))}
${listSection("videos", "Demo videos", videos)}
${listSection("testimonials", "What customers say", testimonials)}
</article>`;
  return layout(
    {
      title: `${partner.companyName} – PowerConfidence Rating | TPX`,
      description,
      canonical,
      openGraph: { "og:type": "profile", ...(logo ? { "og:image": logo } : {}) },
      jsonLd: organizationJsonLd(partner, canonical),
    },
    body,
  );
}

export function renderNotFoundPage(baseUrl: string, path: string): string {
  return layout(
    {
      title: "Not found | TPX",
      description: "This page does not exist.",
      canonical: `${baseUrl}${path}`,
      robots: "noindex",
    },
    `<h1>Not found</h1><p>No partner page here. <a href="/partners">Browse the directory</a>.</p>`,
  );
}
