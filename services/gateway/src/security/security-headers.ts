import helmet, { type FastifyHelmetOptions } from "@fastify/helmet";
import type { HttpServer } from "@tpx/service-kit";
import Fastify from "fastify";

/** What fastify itself puts on a response; everything else the probe answers with came from helmet. */
const FASTIFY_OWN = new Set(["content-type", "content-length", "date", "connection", "keep-alive"]);

/**
 * The headers @fastify/helmet sets with these options. The plugin builds a new helmet middleware on every request
 * (parsing the CSP each time, ~15 % of a proxied call); our headers never vary per request, so they are computed
 * once, by the plugin itself answering one request, and set with a single hook.
 */
export async function helmetHeaders(options: FastifyHelmetOptions): Promise<Record<string, string>> {
  const probe = Fastify({ logger: false });
  await probe.register(helmet, options);
  probe.get("/", async () => "");
  try {
    const response = await probe.inject({ url: "/" });
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) {
      if (!FASTIFY_OWN.has(name) && value !== undefined) headers[name] = String(value);
    }
    return headers;
  } finally {
    await probe.close();
  }
}

/** Security headers on every response, error answers included (set before routing, like helmet's own hook). */
export async function registerSecurityHeaders(app: HttpServer, options: FastifyHelmetOptions): Promise<void> {
  const headers = await helmetHeaders(options);
  app.addHook("onRequest", (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}
