import { Type } from "@sinclair/typebox";
import type { OutboxRelay } from "@tpx/messaging";
import { requireRole } from "../auth/plugin.ts";
import type { HttpServer } from "../http/build-server.ts";
import { NotFoundError } from "../http/errors.ts";

/** Admin view of outbox rows the relay parked (publishing them kept being refused), and putting them back in line. */
export function registerParkedOutboxRoutes(app: HttpServer, relay: OutboxRelay): void {
  app.get(
    "/admin/outbox/parked",
    {
      preHandler: requireRole("admin"),
      schema: {
        querystring: Type.Object(
          { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => ({ items: await relay.listParked(request.query.limit) }),
  );
  app.post("/admin/outbox/parked/retry", { preHandler: requireRole("admin") }, async () => ({
    retried: await relay.retryParked(),
  }));
  app.post(
    "/admin/outbox/parked/:id/retry",
    {
      preHandler: requireRole("admin"),
      schema: { params: Type.Object({ id: Type.String({ format: "uuid" }) }) },
    },
    async (request) => {
      const retried = await relay.retryParked([request.params.id]);
      if (retried === 0) throw new NotFoundError("The parked outbox event");
      return { retried };
    },
  );
}
