import { normalizeWebUrl } from "./contact.ts";

export const VIDEO_PROVIDERS = ["youtube", "vimeo", "loom", "wistia"] as const;
export type VideoProvider = (typeof VIDEO_PROVIDERS)[number];

const RECOGNISERS: { provider: VideoProvider; host: RegExp; path: RegExp }[] = [
  {
    provider: "youtube",
    host: /^(?:www\.|m\.)?youtube\.com$/,
    path: /^\/(?:watch|embed\/[\w-]{6,}|shorts\/[\w-]{6,})/,
  },
  { provider: "youtube", host: /^youtu\.be$/, path: /^\/[\w-]{6,}$/ },
  { provider: "vimeo", host: /^(?:www\.|player\.)?vimeo\.com$/, path: /^\/(?:video\/)?\d+/ },
  { provider: "loom", host: /^(?:www\.)?loom\.com$/, path: /^\/(?:share|embed)\/[\da-f]{8,}/ },
  { provider: "wistia", host: /^(?:[\w-]+\.)?wistia\.(?:com|net)$/, path: /^\/(?:medias|embed)\/\w+/ },
];

/** The provider of a demo-video link, or null when it is not a link to a video on a provider we can embed. */
export function recogniseVideo(raw: string): { url: string; provider: VideoProvider } | null {
  const normalized = normalizeWebUrl(raw);
  if (!normalized) return null;
  const url = new URL(normalized);
  const host = url.hostname.toLowerCase();
  for (const recogniser of RECOGNISERS) {
    if (!recogniser.host.test(host) || !recogniser.path.test(url.pathname)) continue;
    if (recogniser.provider === "youtube" && url.pathname === "/watch" && !url.searchParams.get("v")) return null;
    return { url: normalized, provider: recogniser.provider };
  }
  return null;
}
