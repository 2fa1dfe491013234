/** Minimal OpenAPI 3.1 shapes the merge touches. */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string };
  paths?: Record<string, Record<string, Record<string, unknown>>>;
  components?: { schemas?: Record<string, unknown>; securitySchemes?: Record<string, unknown> };
  tags?: { name: string; description?: string }[];
  [extra: string]: unknown;
}

/** Rewrites `#/components/schemas/X` to the service-qualified name everywhere in a value. */
function requalify(value: unknown, service: string): unknown {
  if (Array.isArray(value)) return value.map((item) => requalify(item, service));
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] =
      key === "$ref" && typeof inner === "string" && inner.startsWith("#/components/schemas/")
        ? `#/components/schemas/${service}.${inner.slice("#/components/schemas/".length)}`
        : requalify(inner, service);
  }
  return out;
}

const HTTP_METHODS = new Set(["get", "put", "post", "delete", "patch", "head", "options", "trace"]);

/**
 * One document for the whole public API: the gateway's own routes as they are, each service's routes under
 * `/api/<service>` (the path the gateway serves them at), tagged with the service, component schemas prefixed
 * with the service name so two services' `Partner` schemas cannot collide.
 */
export function mergeOpenApi(
  gateway: OpenApiDocument,
  services: { service: string; document: OpenApiDocument | undefined }[],
): OpenApiDocument {
  const paths: NonNullable<OpenApiDocument["paths"]> = { ...gateway.paths };
  const schemas: Record<string, unknown> = { ...gateway.components?.schemas };
  const tags = [...(gateway.tags ?? [])];
  const unavailable: string[] = [];
  for (const { service, document } of services) {
    if (!document) {
      unavailable.push(service);
      continue;
    }
    tags.push({ name: service, description: `Served by the ${service} service at /api/${service}.` });
    for (const [path, operations] of Object.entries(document.paths ?? {})) {
      const qualified: Record<string, Record<string, unknown>> = {};
      for (const [method, operation] of Object.entries(operations)) {
        if (!HTTP_METHODS.has(method)) {
          qualified[method] = operation;
          continue;
        }
        const op = requalify(operation, service) as Record<string, unknown>;
        const existingTags = Array.isArray(op.tags) ? (op.tags as string[]) : [];
        qualified[method] = {
          ...op,
          tags: [service, ...existingTags.filter((tag) => tag !== service)],
          ...(typeof op.operationId === "string" ? { operationId: `${service}.${op.operationId}` } : {}),
        };
      }
      paths[`/api/${service}${path === "/" ? "" : path}`] = qualified;
    }
    for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
      schemas[`${service}.${name}`] = requalify(schema, service);
    }
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "TPX public API",
      version: gateway.info.version,
      description:
        "Everything the gateway serves. Authenticate with `Authorization: Bearer <access token>` (from " +
        "/api/gateway/auth/login) or `Authorization: Bearer tpk_...` (a partner API key)." +
        (unavailable.length ? ` Not included right now (service unreachable): ${unavailable.join(", ")}.` : ""),
    },
    servers: [{ url: "/" }],
    tags,
    paths,
    components: {
      schemas,
      securitySchemes: {
        accessToken: { type: "http", scheme: "bearer", bearerFormat: "JWT" },
        apiKey: { type: "http", scheme: "bearer", description: "partner API key `tpk_<id>_<secret>`" },
      },
    },
    security: [{ accessToken: [] }, { apiKey: [] }],
  };
}
