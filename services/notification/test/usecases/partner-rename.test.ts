import { readFileSync } from "node:fs";
import {
  PcrTrigger,
  partnerProfileUpdatedV1,
  partnerRegisteredV1,
  pcrUpdatedV1,
  timestampFromDate,
  UserRole,
  userRegisteredV1,
} from "@tpx/contracts";
import t from "tap";
import { messageConsumers } from "../../src/consumers/message-consumers.ts";
import { eventually, startNotification } from "../support/service.ts";

const PARTNER = "7a1c2a9e-3b4d-4c5e-8f70-112233445566";
const OWNER = "b0000000-0000-4000-8000-0000000000c2";
const pcrFixture = JSON.parse(
  readFileSync(new URL("../../../../libs/contracts/test/fixtures/pcr.updated.v1.json", import.meta.url), "utf8"),
);

// A partner named at sign-up and renamed in onboarding step 1 has a new slug before it is published; its old slug
// leads nowhere. The report e-mail must link the page under the slug it has now.
t.test("a renamed partner's report e-mail links its page under the new slug", async (t) => {
  const n = await startNotification(t, { env: { NODE_ENV: "development" }, consumers: messageConsumers });
  await n.service.startBackground();
  const now = timestampFromDate(new Date());
  await n.publish(
    userRegisteredV1,
    userRegisteredV1.create({
      userId: OWNER,
      email: "owner@renamed.example",
      role: UserRole.PARTNER,
      companyName: "Old Name",
      registeredAt: now,
    }),
  );
  await n.publish(
    partnerRegisteredV1,
    partnerRegisteredV1.create({
      partnerId: PARTNER,
      slug: "old-name",
      companyName: "Old Name",
      ownerUserId: OWNER,
      registeredAt: now,
    }),
  );
  await eventually(() => n.deps.db.partnerContact.count());
  await eventually(() => n.deps.db.contact.count());
  await n.publish(
    partnerProfileUpdatedV1,
    partnerProfileUpdatedV1.create({
      partnerId: PARTNER,
      slug: "new-name-roofing",
      companyName: "New Name Roofing",
      profileCompletion: 40,
      changedFields: ["companyName", "slug"],
      updatedAt: now,
    }),
  );
  await eventually(() =>
    n.deps.db.partnerContact.findFirst({ where: { partnerId: PARTNER, slug: "new-name-roofing" } }),
  );
  // the contract fixture as it is, only for this partner: a first scored PCR
  const pcr = pcrUpdatedV1.decode(pcrFixture.data);
  Object.assign(pcr, { partnerId: PARTNER, previousScore: undefined, revision: 1, trigger: PcrTrigger.RESPONSE });
  await n.publish(pcrUpdatedV1, pcr);
  const report = await eventually(() => n.deps.db.message.findFirst({ where: { template: "report" } }));
  t.match(report.bodyText, /\/pcr\/new-name-roofing/, "links the page under the new slug");
  t.notMatch(report.bodyText, /\/pcr\/old-name/);
  t.match(report.subject, /^New Name Roofing:/, "and greets the partner by its new name");
});
