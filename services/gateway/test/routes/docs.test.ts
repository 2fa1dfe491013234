import { Type } from "@sinclair/typebox";
import { registerOpenApiDocument } from "@tpx/service-kit";
import t from "tap";
import { startGateway } from "../support/gateway.ts";
import { startStandIn } from "../support/stand-in.ts";

t.test("API documentation", async (t) => {
  // a service built the platform way: @fastify/swagger from its route schemas at /openapi.json
  const partnerService = await startStandIn(t, (app) => {
    registerOpenApiDocument(app as never, "partner");
    app.register(async (routes) => {
      const Partner = Type.Object({ id: Type.String(), slug: Type.String() }, { $id: "Partner" });
      routes.addSchema(Partner);
      routes.get(
        "/partners/:id",
        { schema: { params: Type.Object({ id: Type.String() }), response: { 200: Type.Ref(Partner) } } },
        async () => ({ id: "p", slug: "s" }),
      );
    });
  });
  const { app } = await startGateway(t, { env: { PARTNER_URL: partnerService.url } });

  t.test(
    "/docs is one OpenAPI 3.1 document: the gateway's routes and each service's under /api/<service>",
    async (t) => {
      const response = await app.inject({ url: "/docs" });
      t.equal(response.statusCode, 200);
      const doc = response.json();
      t.equal(doc.openapi, "3.1.0");
      t.ok(doc.paths["/api/gateway/auth/login"]?.post, "the gateway's own routes");
      t.ok(doc.paths["/api/gateway/api-keys/"]?.post ?? doc.paths["/api/gateway/api-keys"]?.post, "API key routes");
      const operation = doc.paths["/api/partner/partners/{id}"]?.get;
      t.ok(operation, "the partner service's route, prefixed");
      t.same(operation.tags, ["partner"]);
      const ref = JSON.stringify(operation.responses);
      t.match(ref, /#\/components\/schemas\/partner\./, "component references are qualified by service");
      t.notOk(doc.paths["/api/partner/openapi.json"], "hidden routes stay hidden");
      t.match(doc.info.description, /scoring/, "unreachable services are named");
      t.ok(doc.components.securitySchemes.apiKey);
    },
  );

  t.test("a browser gets an HTML index of the operations", async (t) => {
    const response = await app.inject({ url: "/docs", headers: { accept: "text/html" } });
    t.match(response.headers["content-type"], /text\/html/);
    t.match(response.body, /\/api\/partner\/partners\/\{id\}/);
  });

  t.test("the event catalog lists every event with its fields", async (t) => {
    const page = await app.inject({ url: "/docs/events" });
    t.equal(page.statusCode, 200);
    t.match(page.body, /pcr\.updated/);
    t.match(page.body, /user\.registered/);
    const data = (await app.inject({ url: "/docs/events.json" })).json();
    const registered = data.events.find((event: { type: string }) => event.type === "user.registered");
    t.equal(registered.producer, "gateway");
    t.ok(
      registered.fields.some(
        (field: { name: string; optional: boolean }) => field.name === "companyName" && field.optional,
      ),
    );
  });
});
