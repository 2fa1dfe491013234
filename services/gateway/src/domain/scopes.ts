/** What a partner API key may be allowed to do. Services check `scopes` on calls that came with a key. */
export const API_KEY_SCOPES = [
  "partner:read",
  "partner:write",
  "surveys:read",
  "surveys:write",
  "analytics:read",
  "leads:read",
  "leads:write",
  "webhooks:manage",
] as const;

export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
