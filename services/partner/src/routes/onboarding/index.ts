import { type HttpServer, principalOf, requireRole } from "@tpx/service-kit";
import { STEP_NAMES } from "../../domain/onboarding-steps.ts";
import { type StepInput, saveOnboardingStep } from "../../usecases/save-onboarding-step.ts";
import { submitOnboarding } from "../../usecases/submit-onboarding.ts";
import type { Deps } from "../../usecases/support/deps.ts";
import { PartnerIdParams, PartnerViewSchema } from "../schemas.ts";
import { STEP_BODIES } from "./schemas.ts";

/** The 8-step onboarding for the partner's own user (admins may help): save any step, resume, submit. */
export function onboardingRoutes(app: HttpServer, deps: Deps): void {
  for (const step of STEP_NAMES) {
    app.put(
      `/partners/:id/onboarding/steps/${step}`,
      {
        preHandler: requireRole("partner", "admin"),
        schema: { params: PartnerIdParams, body: STEP_BODIES[step], response: { 200: PartnerViewSchema } },
      },
      async (request) =>
        saveOnboardingStep(deps, principalOf(request), request.params.id, step, request.body as StepInput),
    );
  }
  app.post(
    "/partners/:id/onboarding/submit",
    {
      preHandler: requireRole("partner", "admin"),
      schema: { params: PartnerIdParams, response: { 200: PartnerViewSchema } },
    },
    async (request) => submitOnboarding(deps, principalOf(request), request.params.id),
  );
}
