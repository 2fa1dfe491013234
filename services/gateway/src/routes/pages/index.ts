import { Type } from "@sinclair/typebox";
import type { HttpServer } from "@tpx/service-kit";
import type { FastifyReply, FastifyRequest } from "fastify";
import { renderDirectoryPage } from "../../pages/directory-page.ts";
import { renderLandingPage, renderNotFoundPage } from "../../pages/landing-page.ts";
import { type CachedPage, etagOf } from "../../pages/page-cache.ts";
import type { DirectoryQuery } from "../../pages/public-partner.ts";
import { renderRobots, renderSitemap } from "../../pages/seo-files.ts";
import type { RouteContext } from "../context.ts";

const HTML = "text/html; charset=utf-8";
const SITEMAP_PAGES = 50;

const SlugParams = Type.Object({ slug: Type.String({ pattern: "^[a-z0-9][a-z0-9-]{0,99}$" }) });
const DirectoryQuerySchema = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    focusArea: Type.Optional(Type.String({ maxLength: 60 })),
    region: Type.Optional(Type.String({ maxLength: 20 })),
    minPcr: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
    sort: Type.Optional(Type.Union([Type.Literal("pcr"), Type.Literal("name")])),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

function page(status: number, body: string, contentType = HTML, location?: string): CachedPage {
  return { status, body, contentType, etag: etagOf(body), ...(location ? { location } : {}) };
}

/** Sends a cached or fresh page with its ETag; a matching If-None-Match gets 304 without a body. */
function sendPage(request: FastifyRequest, reply: FastifyReply, result: CachedPage, maxAge: number) {
  reply.header("cache-control", `public, max-age=${maxAge}`).header("etag", result.etag);
  if (result.location) reply.header("location", result.location);
  if (result.status === 200 && request.headers["if-none-match"] === result.etag) return reply.code(304).send();
  return reply.code(result.status).type(result.contentType).send(result.body);
}

/** Server-rendered public pages from the partner service's public API, cached in Redis. */
export function pageRoutes(context: RouteContext) {
  const { config } = context.deps;
  const baseUrl = config.PUBLIC_BASE_URL.replace(/\/$/, "");
  const maxAge = Math.min(config.PAGE_CACHE_TTL_SECONDS, 60);
  const limited = { onRequest: [context.limits.pages] };
  const traced = (request: FastifyRequest) => ({ "x-request-id": request.id });

  return async (app: HttpServer) => {
    app.get("/pcr/:slug", { ...limited, schema: { hide: true, params: SlugParams } }, async (request, reply) => {
      const { slug } = request.params;
      const result = await context.pageCache.landing(slug, async () => {
        const lookup = await context.partners.partner(slug, traced(request));
        if (lookup.kind === "found") {
          const rendered = page(200, renderLandingPage(lookup.partner, baseUrl));
          const { pcrRevision } = lookup.partner;
          return pcrRevision === undefined ? rendered : { ...rendered, pcrRevision };
        }
        if (lookup.kind === "moved") return page(308, "", HTML, `/pcr/${encodeURIComponent(lookup.slug)}`);
        return page(404, renderNotFoundPage(baseUrl, `/pcr/${slug}`));
      });
      return sendPage(request, reply, result, maxAge);
    });

    app.get(
      "/partners",
      { ...limited, schema: { hide: true, querystring: DirectoryQuerySchema } },
      async (request, reply) => {
        const query: DirectoryQuery = { ...request.query, limit: 20 };
        const result = await context.pageCache.listing(`partners?${JSON.stringify(query)}`, async () =>
          page(200, renderDirectoryPage(await context.partners.list(query, traced(request)), query, baseUrl)),
        );
        return sendPage(request, reply, result, maxAge);
      },
    );

    app.get("/sitemap.xml", { ...limited, schema: { hide: true } }, async (request, reply) => {
      const result = await context.pageCache.listing("sitemap", async () => {
        const slugs: string[] = [];
        let cursor: string | undefined;
        for (let index = 0; index < SITEMAP_PAGES; index += 1) {
          const listed = await context.partners.list({ sort: "name", limit: 100, cursor }, traced(request));
          slugs.push(...listed.items.map((item) => item.slug));
          if (!listed.nextCursor) break;
          cursor = listed.nextCursor;
        }
        return page(200, renderSitemap(baseUrl, slugs), "application/xml; charset=utf-8");
      });
      return sendPage(request, reply, result, maxAge);
    });

    app.get("/robots.txt", { schema: { hide: true } }, async (request, reply) =>
      sendPage(request, reply, page(200, renderRobots(baseUrl), "text/plain; charset=utf-8"), 3600),
    );
  };
}
