import swagger from "@fastify/swagger";
import type { HttpServer } from "./build-server.ts";

/**
 * Every service describes its own HTTP API from its route schemas at `/openapi.json` (hidden from itself); the
 * gateway merges them under `/api/<service>` into the public document at `/docs`. Only routes registered through
 * plugins (`app.register(...)`, as route folders are) after this call appear; `schema.hide` leaves a route out.
 */
export function registerOpenApiDocument(app: HttpServer, service: string): void {
  app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: { title: `TPX ${service} service`, version: "1" },
      components: {
        securitySchemes: { accessToken: { type: "http", scheme: "bearer", bearerFormat: "JWT" } },
      },
      security: [{ accessToken: [] }],
    },
  });
  app.register(async (scope) => {
    scope.get("/openapi.json", { schema: { hide: true }, logLevel: "silent" }, async () => app.swagger());
  });
}
