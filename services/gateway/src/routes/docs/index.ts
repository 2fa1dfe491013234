import type { HttpServer } from "@tpx/service-kit";
import { eventCatalog, renderEventCatalog } from "../../docs/event-catalog.ts";
import { mergeOpenApi, type OpenApiDocument } from "../../docs/openapi-merge.ts";
import { escapeHtml, layout } from "../../pages/html.ts";
import type { Upstream } from "../../proxy/upstreams.ts";
import type { RouteContext } from "../context.ts";

const CACHE_MS = 60_000;

async function serviceDocument(upstream: Upstream): Promise<OpenApiDocument | undefined> {
  try {
    const response = await upstream.pool.request({
      path: "/openapi.json",
      method: "GET",
      headersTimeout: 2_000,
      bodyTimeout: 2_000,
    });
    if (response.statusCode !== 200) {
      await response.body.dump();
      return undefined;
    }
    return (await response.body.json()) as OpenApiDocument;
  } catch {
    return undefined;
  }
}

/** `/docs`: the OpenAPI 3.1 document of the whole public API; `/docs/events`: the event catalog. */
export function docsRoutes(context: RouteContext) {
  const baseUrl = context.deps.config.PUBLIC_BASE_URL.replace(/\/$/, "");
  let cached: { at: number; document: OpenApiDocument } | undefined;
  const limited = { onRequest: [context.limits.pages] };

  return async (app: HttpServer) => {
    async function document(): Promise<OpenApiDocument> {
      if (cached && Date.now() - cached.at < CACHE_MS) return cached.document;
      const services = await Promise.all(
        [...context.upstreams.values()].map(async (upstream) => ({
          service: upstream.service,
          document: await serviceDocument(upstream),
        })),
      );
      const merged = mergeOpenApi(app.swagger() as unknown as OpenApiDocument, services);
      // a document missing a service is not kept, so the next call tries again
      if (services.every((service) => service.document)) cached = { at: Date.now(), document: merged };
      return merged;
    }

    app.get("/docs/openapi.json", { ...limited, schema: { hide: true } }, async () => document());

    app.get("/docs", { ...limited, schema: { hide: true } }, async (request, reply) => {
      const merged = await document();
      if (!request.headers.accept?.includes("text/html")) return merged;
      const rows = Object.entries(merged.paths ?? {}).flatMap(([path, operations]) =>
        Object.entries(operations).map(
          ([method, operation]) =>
            `<tr><td><code>${escapeHtml(method.toUpperCase())}</code></td><td><code>${escapeHtml(path)}</code></td><td>${escapeHtml(String((operation as { summary?: string; description?: string }).summary ?? (operation as { description?: string }).description ?? ""))}</td></tr>`,
        ),
      );
      return reply.type("text/html; charset=utf-8").send(
        layout(
          {
            title: "API reference | TPX",
            description: "The TPX public API (OpenAPI 3.1).",
            canonical: `${baseUrl}/docs`,
          },
          `<h1>API reference</h1><p><a href="/docs/openapi.json">OpenAPI 3.1 document</a> · <a href="/docs/events">Event catalog</a></p><p>${escapeHtml(merged.info.description ?? "")}</p><table><tbody>${rows.join("\n")}</tbody></table>`,
        ),
      );
    });

    app.get("/docs/events", { ...limited, schema: { hide: true } }, async (_request, reply) =>
      reply.type("text/html; charset=utf-8").send(renderEventCatalog(baseUrl)),
    );
    app.get("/docs/events.json", { ...limited, schema: { hide: true } }, async () => ({ events: eventCatalog() }));
  };
}
