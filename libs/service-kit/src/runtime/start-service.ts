import type { ServiceName } from "@tpx/contracts";
import type { SqlExecutor, TransactionRunner } from "@tpx/db";
import { registerAuthentication } from "../auth/plugin.ts";
import type { ConfigSpec } from "../config/define-config.ts";
import type { platformVariables } from "../config/platform-variables.ts";
import { buildServer, type HttpServer, type TrustProxy } from "../http/build-server.ts";
import { registerOpenApiDocument } from "../http/openapi.ts";
import { registerDeadLetterRoutes } from "../routes/dead-letters.ts";
import { registerParkedOutboxRoutes } from "../routes/outbox.ts";
import { type BackgroundTask, serve } from "./lifecycle.ts";
import { createPlatform, type Platform, type PlatformOptions } from "./platform.ts";
import { runMain } from "./run-main.ts";

type PlatformSpec = ConfigSpec<ReturnType<typeof platformVariables>>;

/**
 * The HTTP server of a service before its own routes: shared error shape, health, metrics, tracing, token
 * verification and the dead-letter and parked-outbox admin routes.
 */
export function buildPlatformServer<Tx extends SqlExecutor, Db extends TransactionRunner<Tx>>(
  platform: Platform<Tx, Db>,
  options: { bodyLimit?: number; trustProxy?: TrustProxy } = {},
): HttpServer {
  const app = buildServer({
    logger: platform.logger,
    readiness: platform.readiness,
    metrics: platform.metrics,
    ...options,
  });
  registerOpenApiDocument(app, platform.service);
  registerAuthentication(app, platform.verifyToken);
  registerDeadLetterRoutes(app, platform.deadLetters);
  registerParkedOutboxRoutes(app, platform.relay);
  return app;
}

export interface ServiceSpec<Tx extends SqlExecutor, Db extends TransactionRunner<Tx>, S extends PlatformSpec>
  extends Omit<PlatformOptions<Tx, Db>, "config"> {
  service: ServiceName;
  configSpec: S;
  /** Registers consumers and builds the app; returns extra background tasks (cron jobs) to stop on shutdown. */
  setup(
    platform: Platform<Tx, Db>,
    config: ReturnType<S["load"]>,
  ): Promise<{ app: HttpServer; tasks?: BackgroundTask[] }> | { app: HttpServer; tasks?: BackgroundTask[] };
}

/** What every `main.ts` does: validate config, build the platform, set the service up, serve until a signal. */
export function startService<Tx extends SqlExecutor, Db extends TransactionRunner<Tx>, S extends PlatformSpec>(
  spec: ServiceSpec<Tx, Db, S>,
): void {
  runMain(spec.service, async () => {
    const config = spec.configSpec.load() as ReturnType<S["load"]>;
    const platform = await createPlatform<Tx, Db>({ ...spec, config });
    const { app, tasks } = await spec.setup(platform, config);
    await serve(platform, app, tasks ? { tasks } : {});
  });
}
