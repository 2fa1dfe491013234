import { type HttpServer, principalOf, requireRole } from "@tpx/service-kit";
import type { Deps } from "../../deps.ts";
import { deleteWebhookSubscription, updateWebhookSubscription } from "../../usecases/change-webhook-subscription.ts";
import { createWebhookSubscription } from "../../usecases/create-webhook-subscription.ts";
import { ownedSubscription } from "../../usecases/owned-subscription.ts";
import { listWebhookDeliveries, listWebhookSubscriptions } from "../../usecases/query-webhooks.ts";
import { redeliverWebhook, sendTestPing } from "../../usecases/redeliver-webhook.ts";
import {
  CreatedSubscription,
  CreateSubscriptionBody,
  DeliveriesQuery,
  Delivery,
  DeliveryList,
  DeliveryParams,
  Secret,
  Subscription,
  SubscriptionId,
  SubscriptionList,
  UpdateSubscriptionBody,
} from "./schemas.ts";
import { deliveryView, subscriptionView } from "./views.ts";

/** Outbound webhook endpoints of admins and partners (a partner user only ever sees its own partner's). */
export function registerWebhookRoutes(app: HttpServer, deps: Deps): void {
  const owners = requireRole("admin", "partner");
  app.post(
    "/webhooks",
    { preHandler: owners, schema: { body: CreateSubscriptionBody, response: { 201: CreatedSubscription } } },
    async (request, reply) => {
      const created = await createWebhookSubscription(deps, principalOf(request), request.body);
      return reply.code(201).send({ ...subscriptionView(created), secret: created.secret });
    },
  );
  app.get("/webhooks", { preHandler: owners, schema: { response: { 200: SubscriptionList } } }, async (request) => ({
    items: (await listWebhookSubscriptions(deps, principalOf(request))).map(subscriptionView),
  }));
  app.get(
    "/webhooks/:id",
    { preHandler: owners, schema: { params: SubscriptionId, response: { 200: Subscription } } },
    async (request) => subscriptionView(await ownedSubscription(deps, principalOf(request), request.params.id)),
  );
  app.get(
    "/webhooks/:id/secret",
    { preHandler: owners, schema: { params: SubscriptionId, response: { 200: Secret } } },
    async (request) => ({ secret: (await ownedSubscription(deps, principalOf(request), request.params.id)).secret }),
  );
  app.patch(
    "/webhooks/:id",
    {
      preHandler: owners,
      schema: { params: SubscriptionId, body: UpdateSubscriptionBody, response: { 200: Subscription } },
    },
    async (request) =>
      subscriptionView(await updateWebhookSubscription(deps, principalOf(request), request.params.id, request.body)),
  );
  app.delete("/webhooks/:id", { preHandler: owners, schema: { params: SubscriptionId } }, async (request, reply) => {
    await deleteWebhookSubscription(deps, principalOf(request), request.params.id);
    return reply.code(204).send();
  });
  app.get(
    "/webhooks/:id/deliveries",
    {
      preHandler: owners,
      schema: { params: SubscriptionId, querystring: DeliveriesQuery, response: { 200: DeliveryList } },
    },
    async (request) => ({
      items: (await listWebhookDeliveries(deps, principalOf(request), request.params.id, request.query)).map(
        deliveryView,
      ),
    }),
  );
  app.post(
    "/webhooks/:id/deliveries/:deliveryId/redeliver",
    { preHandler: owners, schema: { params: DeliveryParams, response: { 202: Delivery } } },
    async (request, reply) => {
      const { id, deliveryId } = request.params;
      return reply.code(202).send(deliveryView(await redeliverWebhook(deps, principalOf(request), id, deliveryId)));
    },
  );
  app.post(
    "/webhooks/:id/test",
    { preHandler: owners, schema: { params: SubscriptionId, response: { 202: Delivery } } },
    async (request, reply) =>
      reply.code(202).send(deliveryView(await sendTestPing(deps, principalOf(request), request.params.id))),
  );
}
