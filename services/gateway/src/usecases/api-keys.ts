import { ForbiddenError, NotFoundError, type Principal, ValidationError } from "@tpx/service-kit";
import type { GatewayDeps } from "../deps.ts";
import { generateApiKey } from "../domain/api-key-format.ts";
import type { ApiKey } from "../generated/prisma/client.ts";

export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdAt: string;
}

export function toApiKeyView(key: ApiKey): ApiKeyView {
  return {
    id: key.id,
    name: key.name,
    prefix: `tpk_${key.id}`,
    scopes: key.scopes,
    expiresAt: key.expiresAt?.toISOString() ?? null,
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
    createdAt: key.createdAt.toISOString(),
  };
}

/** The partner a caller may manage keys for: a partner user's own partner only (keys cannot mint keys). */
function ownPartner(principal: Principal): string {
  if (principal.scopes) throw new ForbiddenError("API keys cannot manage API keys.");
  if (!principal.partnerId) throw new ForbiddenError("Your account is not linked to a partner yet.");
  return principal.partnerId;
}

export async function createApiKey(
  deps: GatewayDeps,
  principal: Principal,
  input: { name: string; scopes: string[]; expiresInDays?: number | undefined },
): Promise<ApiKeyView & { key: string }> {
  const partnerId = ownPartner(principal);
  if (new Set(input.scopes).size !== input.scopes.length) {
    throw new ValidationError([{ field: "scopes", message: "must not repeat a scope" }]);
  }
  const generated = generateApiKey();
  const now = new Date();
  const row = await deps.db.apiKey.create({
    data: {
      id: generated.id,
      partnerId,
      createdBy: principal.userId,
      name: input.name.trim(),
      keyHash: generated.hash,
      scopes: input.scopes,
      expiresAt: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null,
      createdAt: now,
    },
  });
  return { ...toApiKeyView(row), key: generated.key };
}

export async function listApiKeys(deps: GatewayDeps, principal: Principal): Promise<ApiKeyView[]> {
  const rows = await deps.db.apiKey.findMany({
    where: { partnerId: ownPartner(principal) },
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  return rows.map(toApiKeyView);
}

export async function revokeApiKey(deps: GatewayDeps, principal: Principal, id: string): Promise<void> {
  // another partner's key is "not found", not "forbidden": ids of other tenants are not confirmed
  const result = await deps.db.apiKey.updateMany({
    where: { id, partnerId: ownPartner(principal), revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (result.count === 0) {
    const exists = await deps.db.apiKey.count({ where: { id, partnerId: principal.partnerId ?? "" } });
    if (exists === 0) throw new NotFoundError("The API key");
  }
}
