import { Type } from "@sinclair/typebox";
import { type HttpServer, requireRole } from "@tpx/service-kit";
import { createUser } from "../../usecases/sign-up.ts";
import { toUserView } from "../../usecases/user-view.ts";
import { UserSchema } from "../auth/schemas.ts";
import type { RouteContext } from "../context.ts";

const CreateAdminBody = Type.Object(
  {
    email: Type.String({ format: "email", maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 128 }),
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
  },
  { additionalProperties: false },
);

const ListQuery = Type.Object(
  {
    role: Type.Optional(Type.Union([Type.Literal("admin"), Type.Literal("partner"), Type.Literal("contractor")])),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  },
  { additionalProperties: false },
);

/** Admin accounts are made by admins only (the first comes from configuration); admins can list users. */
export function adminUserRoutes(context: RouteContext) {
  const { deps } = context;
  const adminOnly = { preHandler: requireRole("admin"), onRequest: [context.limits.api] };
  return async (app: HttpServer) => {
    app.post(
      "/",
      { ...adminOnly, schema: { tags: ["admin"], body: CreateAdminBody, response: { 201: UserSchema } } },
      async (request, reply) => {
        const { user } = await createUser(deps, { ...request.body, role: "admin" });
        return reply.code(201).send(user);
      },
    );
    app.get(
      "/",
      {
        ...adminOnly,
        schema: {
          tags: ["admin"],
          querystring: ListQuery,
          response: { 200: Type.Object({ items: Type.Array(UserSchema) }) },
        },
      },
      async (request) => {
        const { role, limit } = request.query;
        const users = await deps.db.user.findMany({
          ...(role ? { where: { role: role.toUpperCase() as "ADMIN" | "PARTNER" | "CONTRACTOR" } } : {}),
          orderBy: { createdAt: "desc" },
          take: limit,
        });
        return { items: users.map(toUserView) };
      },
    );
  };
}
