import type { FastifyInstance } from "fastify";

/**
 * Survey links carry their secret in the URL: never send it on as a Referer, never cache the pages, keep them out
 * of search engines and frames. Applied to every route of the scope it is called in.
 */
export function applyPrivateHeaders(scope: FastifyInstance): void {
  scope.addHook("onSend", async (_request, reply) => {
    reply.header("referrer-policy", "no-referrer");
    reply.header("cache-control", "no-store");
    reply.header("x-robots-tag", "noindex, nofollow");
    reply.header("x-content-type-options", "nosniff");
    reply.header("x-frame-options", "DENY");
  });
}
