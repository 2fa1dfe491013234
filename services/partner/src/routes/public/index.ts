import { Type } from "@sinclair/typebox";
import type { HttpServer } from "@tpx/service-kit";
import { getPublicProfile } from "../../usecases/get-public-profile.ts";
import { searchDirectory } from "../../usecases/search-partners.ts";
import type { Deps } from "../../usecases/support/deps.ts";
import { CatalogKey, Strict } from "../schemas.ts";

const SlugParams = Type.Object({ slug: Type.String({ pattern: "^[a-z0-9]+(?:-[a-z0-9]+)*$", maxLength: 60 }) }, Strict);

const DirectoryQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    focusArea: Type.Optional(CatalogKey),
    region: Type.Optional(Type.String({ maxLength: 10 })),
    minPcr: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
    sort: Type.Union([Type.Literal("pcr"), Type.Literal("name")], { default: "pcr" }),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
    limit: Type.Integer({ minimum: 1, maximum: 50, default: 20 }),
  },
  Strict,
);

/** The public model only: landing pages of approved/active partners and the directory. No token needed. */
export function publicRoutes(app: HttpServer, deps: Deps): void {
  app.get("/public/partners/:slug", { schema: { params: SlugParams } }, async (request, reply) => {
    const found = await getPublicProfile(deps, request.params.slug);
    if ("redirectTo" in found) {
      return reply
        .status(308)
        .header("location", `/public/partners/${found.redirectTo}`)
        .send({ redirectTo: found.redirectTo });
    }
    return found.profile;
  });
  app.get("/public/partners", { schema: { querystring: DirectoryQuery } }, async (request) => {
    const { region, ...rest } = request.query;
    return searchDirectory(deps, {
      ...rest,
      ...(region ? { region: region.toLowerCase() === "national" ? "national" : region.toUpperCase() } : {}),
    });
  });
}
