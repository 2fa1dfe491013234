import type { TeardownRegistry } from "@tpx/testing";
import Fastify, { type FastifyInstance } from "fastify";

/**
 * A tiny fastify server speaking the agreed API of another service (the real ones are built in parallel).
 * `setup` adds its routes; the URL is what the gateway gets as <SERVICE>_URL.
 */
export async function startStandIn(
  t: TeardownRegistry,
  setup: (app: FastifyInstance) => void,
): Promise<{ url: string; app: FastifyInstance }> {
  const app = Fastify({ logger: false });
  setup(app);
  const url = await app.listen({ host: "127.0.0.1", port: 0 });
  t.teardown(() => app.close());
  return { url, app };
}
