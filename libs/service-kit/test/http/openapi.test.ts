import { Type } from "@sinclair/typebox";
import { createLogger } from "@tpx/observability";
import t from "tap";
import { buildServer, createMetricsRegistry, Readiness, registerOpenApiDocument } from "../../src/index.ts";

t.test("registerOpenApiDocument", async (t) => {
  const app = buildServer({
    logger: createLogger({ service: "test", level: "silent" }),
    readiness: new Readiness(),
    metrics: createMetricsRegistry("test"),
  });
  registerOpenApiDocument(app, "partner");
  app.register(async (routes) => {
    routes.get(
      "/partners/:id",
      {
        schema: {
          params: Type.Object({ id: Type.String({ format: "uuid" }) }),
          response: { 200: Type.Object({ id: Type.String() }) },
        },
      },
      async (request) => ({ id: (request.params as { id: string }).id }),
    );
    routes.get("/internal", { schema: { hide: true } }, async () => ({}));
  });
  const response = await app.inject({ url: "/openapi.json" });
  const doc = response.json();

  t.test("serves an OpenAPI 3.1 document built from the route schemas", async (t) => {
    t.equal(response.statusCode, 200);
    t.equal(doc.openapi, "3.1.0");
    t.equal(doc.info.title, "TPX partner service");
    const operation = doc.paths["/partners/{id}"]?.get;
    t.ok(operation);
    t.match(operation.parameters, [{ in: "path", name: "id", schema: { format: "uuid" } }]);
    t.ok(operation.responses["200"]);
  });

  t.test("leaves out hidden routes and itself", async (t) => {
    t.notOk(doc.paths["/internal"]);
    t.notOk(doc.paths["/openapi.json"]);
  });
});
