import { buildPlatformServer, type HttpServer, type Platform } from "@tpx/service-kit";
import type { Db, Tx } from "./db.ts";
import type { Deps } from "./deps.ts";
import { usesDevMailbox } from "./providers/index.ts";
import { registerDevMailboxRoutes } from "./routes/dev-mailbox/index.ts";
import { parseForm } from "./routes/html.ts";
import { registerMessageRoutes } from "./routes/messages/index.ts";
import { registerTwilioRoutes } from "./routes/public/twilio.ts";
import { registerUnsubscribeRoutes } from "./routes/public/unsubscribe.ts";
import { registerWebhookRoutes } from "./routes/webhooks/index.ts";

export type ServicePlatform = Platform<Tx, Db>;

/**
 * The notification service's HTTP app: message log and campaign stats (admin), webhook endpoints (admins and
 * partners), unsubscribe links and Twilio callbacks (public), and the dev mailbox outside production.
 */
export function buildApp(platform: ServicePlatform, deps: Deps): HttpServer {
  const app = buildPlatformServer(platform);
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_request, body, done) =>
    done(null, parseForm(body as string)),
  );
  registerMessageRoutes(app, deps);
  registerWebhookRoutes(app, deps);
  registerUnsubscribeRoutes(app, deps);
  registerTwilioRoutes(app, deps);
  if (deps.config.NODE_ENV !== "production" && usesDevMailbox(deps.providers)) registerDevMailboxRoutes(app, deps);
  return app;
}
