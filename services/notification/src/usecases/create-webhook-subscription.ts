import { randomUUID } from "node:crypto";
import { EVENT_CATALOG } from "@tpx/contracts";
import { type Principal, ValidationError } from "@tpx/service-kit";
import type { Deps } from "../deps.ts";
import { unknownPatterns } from "../domain/event-patterns.ts";
import { newWebhookSecret } from "../domain/webhook-signature.ts";
import type { WebhookSubscription } from "../generated/prisma/client.ts";
import { BlockedTargetError, checkWebhookTarget } from "../webhooks/safe-target.ts";
import { ownerOf } from "./owned-subscription.ts";

export interface SubscriptionInput {
  url: string;
  eventTypes: string[];
  description?: string | undefined;
}

/** Refuses URLs that are malformed or lead inside our network, and event patterns that match nothing. */
export async function validateSubscription(deps: Deps, input: Partial<SubscriptionInput>): Promise<void> {
  if (input.url !== undefined) {
    let url: URL;
    try {
      url = new URL(input.url);
    } catch {
      throw new ValidationError([{ field: "url", message: "must be an absolute URL" }]);
    }
    try {
      await checkWebhookTarget(url, deps.config.WEBHOOK_ALLOW_PRIVATE_TARGETS);
    } catch (error) {
      const message = error instanceof BlockedTargetError ? error.message : "the host name does not resolve";
      throw new ValidationError([{ field: "url", message }]);
    }
  }
  if (input.eventTypes !== undefined) {
    const unknown = unknownPatterns(
      input.eventTypes,
      EVENT_CATALOG.map((contract) => contract.type),
    );
    if (unknown.length > 0) {
      throw new ValidationError([{ field: "eventTypes", message: `unknown event types: ${unknown.join(", ")}` }]);
    }
  }
}

/** Creates an endpoint with a fresh signing secret (returned once here, and to the owner on request). */
export async function createWebhookSubscription(
  deps: Deps,
  principal: Principal,
  input: SubscriptionInput,
): Promise<WebhookSubscription> {
  const owner = ownerOf(principal);
  await validateSubscription(deps, input);
  return deps.db.webhookSubscription.create({
    data: {
      id: randomUUID(),
      url: input.url,
      eventTypes: [...new Set(input.eventTypes)],
      description: input.description ?? null,
      secret: newWebhookSecret(),
      ...owner,
    },
  });
}
