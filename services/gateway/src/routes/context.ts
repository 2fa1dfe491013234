import type { GatewayDeps } from "../deps.ts";
import type { PageCache } from "../pages/page-cache.ts";
import type { PartnerDirectoryClient } from "../pages/partner-client.ts";
import type { ProxiedService, Upstream } from "../proxy/upstreams.ts";
import type { LimitHook } from "../rate-limit/limiter.ts";
import type { ApiKeyAuthenticator } from "../security/api-key-authenticator.ts";

/** What the route plugins share. */
export interface RouteContext {
  deps: GatewayDeps;
  apiKeys: ApiKeyAuthenticator;
  upstreams: Map<ProxiedService, Upstream>;
  limits: { api: LimitHook; pages: LimitHook; credentials: LimitHook; surveySubmit: LimitHook };
  pageCache: PageCache;
  partners: PartnerDirectoryClient;
  corsOrigins: string[];
}
