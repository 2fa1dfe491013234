import { Type } from "@sinclair/typebox";
import type { SqlExecutor } from "@tpx/db";
import type { DeadLetters } from "@tpx/messaging";
import { requireRole } from "../auth/plugin.ts";
import type { HttpServer } from "../http/build-server.ts";
import { NotFoundError } from "../http/errors.ts";

/** Admin view of this service's dead letters, with replay through the consumer that gave up on them. */
export function registerDeadLetterRoutes<Tx extends SqlExecutor>(app: HttpServer, deadLetters: DeadLetters<Tx>): void {
  app.get(
    "/admin/dead-letters",
    {
      preHandler: requireRole("admin"),
      schema: {
        querystring: Type.Object(
          {
            consumer: Type.Optional(Type.String({ maxLength: 200 })),
            pending: Type.Optional(Type.Boolean()),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => ({ items: await deadLetters.list(request.query) }),
  );
  app.post(
    "/admin/dead-letters/:id/replay",
    {
      preHandler: requireRole("admin"),
      schema: { params: Type.Object({ id: Type.String({ format: "uuid" }) }) },
    },
    async (request) => {
      const result = await deadLetters.replay(request.params.id);
      if (!result) throw new NotFoundError("The dead letter");
      return result;
    },
  );
}
