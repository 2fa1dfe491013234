import type { DemoOutcome } from "./demo-data.ts";
import type { LogOutput } from "./log-output.ts";
import { SERVICE_NAMES, type ServiceName } from "./services.ts";

export interface BannerInput {
  ports: Record<ServiceName, number>;
  admin: { email: string; password: string };
  startupMs: number;
  demo: DemoOutcome;
}

/** Where the demo data is, for people and (as JSON fields of the first banner line) for tests and scripts. */
export function demoLinks(gateway: string, demo: DemoOutcome) {
  if (demo.kind !== "seeded" && demo.kind !== "existing") return undefined;
  const { summary } = demo;
  return {
    logins: summary.logins,
    companyName: summary.partner.companyName,
    landingPage: `${gateway}/pcr/${summary.partner.slug}`,
    pcrScore: summary.partner.pcrScore,
    surveyLink: summary.openSurveyToken ? `${gateway}/s/${summary.openSurveyToken}` : undefined,
    partnersByStatus: summary.partnersByStatus,
  };
}

const STATUS_ORDER = ["ACTIVE", "APPROVED", "SUBMITTED", "DRAFT", "INACTIVE", "REJECTED"] as const;

function demoState(demo: DemoOutcome): string {
  switch (demo.kind) {
    case "seeded":
    case "existing": {
      const counts = STATUS_ORDER.flatMap((status) => {
        const count = demo.summary.partnersByStatus[status];
        return count ? [`${count} ${status}`] : [];
      });
      const when = demo.kind === "seeded" ? "added now" : "from an earlier start, not added again";
      return `demo data (${when}): partners ${counts.join(", ")}; survey answers, scores, a contractor with matches`;
    }
    case "off":
      return "demo data: off (TPX_DEMO_DATA=false)";
    case "not-empty":
      return "demo data: not added, the platform already has partners (not the demo's)";
    case "no-admin":
    case "skipped":
      return `demo data: not added, ${demo.reason}`;
    case "failed":
      return `demo data: incomplete (${demo.reason})`;
  }
}

/** The "it is up, go here" block printed once every service is ready and the demo data is in. */
export function printBanner(input: BannerInput, output: LogOutput): void {
  const { ports, admin, startupMs, demo } = input;
  const base = (service: ServiceName) => `http://localhost:${ports[service]}`;
  const gateway = base("gateway");
  const links = demoLinks(gateway, demo);
  output.info(`TPX is ready in ${(startupMs / 1000).toFixed(1)} s: ${gateway}`, {
    gateway,
    startupMs: Math.round(startupMs),
    ports,
    demo: { kind: demo.kind, ...links },
  });
  const logins = [
    `    admin       ${admin.email} / ${admin.password}`,
    ...(links?.logins ?? []).map(
      (login) =>
        `    ${login.role.padEnd(11)} ${login.email} / ${login.password}${login.role === "partner" ? ` (${links?.companyName})` : ""}`,
    ),
  ];
  const score = links?.pcrScore === null || links === undefined ? "" : ` (PCR ${links.pcrScore})`;
  const lines = [
    `  ${demoState(demo)}`,
    `  log in: POST ${gateway}/api/gateway/auth/login {"email","password"} (README: Walkthrough)`,
    ...logins,
    "  open:",
    ...(links ? [`    landing page  ${links.landingPage}${score}`] : []),
    `    directory     ${gateway}/partners`,
    `    mailbox       ${gateway}/dev/mailbox (every e-mail and SMS; nothing leaves this machine)`,
    ...(links?.surveyLink
      ? [`    survey        ${links.surveyLink} (unanswered: answer it, then reload the landing page)`]
      : []),
    `    API           ${gateway}/docs (OpenAPI), ${gateway}/docs/events (event catalog)`,
    `  services: ${SERVICE_NAMES.map((service) => `${service} ${base(service)}`).join(", ")}`,
    "  each service: /healthz (alive), /readyz (database, NATS, Redis), /metrics (Prometheus), /admin/dead-letters",
    "  Ctrl-C stops the services, then whatever npm start started (PostgreSQL, nats-server, redis-server)",
  ];
  for (const line of lines) output.info(line);
}
