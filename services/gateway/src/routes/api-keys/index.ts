import { Type } from "@sinclair/typebox";
import { type HttpServer, principalOf, requireRole } from "@tpx/service-kit";
import { createApiKey, listApiKeys, revokeApiKey } from "../../usecases/api-keys.ts";
import type { RouteContext } from "../context.ts";
import { ApiKeyParams, ApiKeySchema, CreateApiKeyBody, CreatedApiKeySchema } from "./schemas.ts";

/** A partner user's API keys for the external API: create (key shown once), list (prefix only), revoke. */
export function apiKeyRoutes(context: RouteContext) {
  const { deps } = context;
  const partnerOnly = { preHandler: requireRole("partner"), onRequest: [context.limits.api] };
  return async (app: HttpServer) => {
    app.post(
      "/",
      {
        ...partnerOnly,
        schema: { tags: ["api-keys"], body: CreateApiKeyBody, response: { 201: CreatedApiKeySchema } },
      },
      async (request, reply) => reply.code(201).send(await createApiKey(deps, principalOf(request), request.body)),
    );
    app.get(
      "/",
      {
        ...partnerOnly,
        schema: { tags: ["api-keys"], response: { 200: Type.Object({ items: Type.Array(ApiKeySchema) }) } },
      },
      async (request) => ({ items: await listApiKeys(deps, principalOf(request)) }),
    );
    app.delete(
      "/:id",
      { ...partnerOnly, schema: { tags: ["api-keys"], params: ApiKeyParams, response: { 204: { type: "null" } } } },
      async (request, reply) => {
        await revokeApiKey(deps, principalOf(request), request.params.id);
        context.apiKeys.forget(request.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
