import { UpstreamError } from "@tpx/service-kit";
import type { Dispatcher, Pool } from "undici";
import type { DirectoryPage, DirectoryQuery, PublicPartner } from "./public-partner.ts";

export type PartnerLookup =
  | { kind: "found"; partner: PublicPartner }
  | { kind: "moved"; slug: string }
  | { kind: "missing" };

/** Reads the partner service's public API over the gateway's pool to it. */
export class PartnerDirectoryClient {
  private readonly pool: Pool;

  constructor(pool: Pool) {
    this.pool = pool;
  }

  private async get(path: string, headers: Record<string, string>): Promise<Dispatcher.ResponseData> {
    try {
      return await this.pool.request({ path, method: "GET", headers: { accept: "application/json", ...headers } });
    } catch {
      throw new UpstreamError("The partner directory is unavailable.");
    }
  }

  async partner(slug: string, headers: Record<string, string> = {}): Promise<PartnerLookup> {
    const response = await this.get(`/public/partners/${encodeURIComponent(slug)}`, headers);
    if (response.statusCode === 200) return { kind: "found", partner: (await response.body.json()) as PublicPartner };
    if (response.statusCode === 308 || response.statusCode === 301) {
      const body = (await response.body.json().catch(() => ({}))) as { redirectTo?: string };
      const location = String(response.headers.location ?? "");
      const moved = body.redirectTo ?? location.split("/").pop();
      if (moved) return { kind: "moved", slug: moved };
    }
    await response.body.dump();
    if (response.statusCode === 404) return { kind: "missing" };
    throw new UpstreamError(`The partner directory answered ${response.statusCode}.`);
  }

  async list(query: DirectoryQuery, headers: Record<string, string> = {}): Promise<DirectoryPage> {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined && value !== "") params.set(name, String(value));
    }
    const response = await this.get(`/public/partners?${params}`, headers);
    if (response.statusCode !== 200) {
      await response.body.dump();
      throw new UpstreamError(`The partner directory answered ${response.statusCode}.`);
    }
    return (await response.body.json()) as DirectoryPage;
  }
}
