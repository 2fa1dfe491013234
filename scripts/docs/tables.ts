import { EVENT_CATALOG, SERVICE_NAMES, type ServiceName, streamName, subjectFor } from "@tpx/contracts";
import type { ConfigSpec, VariableMap } from "@tpx/service-kit";

/** The README's generated sections: every service's configuration and the event catalog, from the code itself. */
export async function loadConfigSpecs(): Promise<Record<ServiceName, ConfigSpec<VariableMap>>> {
  const entries = await Promise.all(
    SERVICE_NAMES.map(async (service) => {
      const module = (await import(`../../services/${service}/src/config.ts`)) as {
        configSpec: ConfigSpec<VariableMap>;
      };
      return [service, module.configSpec] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<ServiceName, ConfigSpec<VariableMap>>;
}

function cell(text: string): string {
  return text.replaceAll("|", "\\|").replaceAll("\n", " ");
}

export function configTable(specs: Record<ServiceName, ConfigSpec<VariableMap>>): string {
  const rows: string[] = ["| variable | services | default | description |", "|---|---|---|---|"];
  const names = new Map<string, ServiceName[]>();
  for (const service of SERVICE_NAMES) {
    for (const name of Object.keys(specs[service].variables)) names.set(name, [...(names.get(name) ?? []), service]);
  }
  for (const [name, services] of names) {
    const variable = specs[services[0]!].variables[name]!;
    const where = services.length === SERVICE_NAMES.length ? "all" : services.join(", ");
    const defaults = new Set(services.map((service) => specs[service].variables[name]?.default));
    const fallback =
      defaults.size > 1
        ? services.map((service) => `${service} \`${specs[service].variables[name]?.default}\``).join(", ")
        : variable.default !== undefined
          ? `\`${variable.default}\``
          : variable.optional
            ? "(unset)"
            : "**required**";
    const secret = variable.secret ? " (secret)" : "";
    rows.push(`| \`${name}\` | ${where} | ${fallback} | ${cell(variable.description)}${secret} |`);
  }
  return rows.join("\n");
}

/** `npm start`'s own variables (the runner's spec), one row each. */
export function runnerTable(spec: ConfigSpec<VariableMap>): string {
  const rows = ["| variable | default | description |", "|---|---|---|"];
  for (const [name, variable] of Object.entries(spec.variables)) {
    const fallback = variable.default !== undefined ? `\`${variable.default}\`` : "(unset)";
    rows.push(`| \`${name}\` | ${fallback} | ${cell(variable.description)} |`);
  }
  rows.push(
    "| `<SERVICE>_DATABASE_URL`, `<SERVICE>_PORT` | (unset) | one service on its own database or port, e.g. `PARTNER_DATABASE_URL`, `GATEWAY_PORT` |",
  );
  return rows.join("\n");
}

export function eventCatalogTable(namespace = "tpx"): string {
  const rows = ["| event | producer | subject | stream | meaning |", "|---|---|---|---|---|"];
  for (const contract of EVENT_CATALOG) {
    rows.push(
      `| \`${contract.type}\` v${contract.version} | ${contract.producer} | \`${subjectFor(namespace, contract.type, contract.version)}\` | \`${streamName(namespace, contract.producer)}\` | ${cell(contract.description)} |`,
    );
  }
  return rows.join("\n");
}

export function replaceSection(text: string, marker: string, content: string): string {
  const start = `<!-- ${marker}:start -->`;
  const end = `<!-- ${marker}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README has no ${marker} section`);
  return `${text.slice(0, from + start.length)}\n${content}\n${text.slice(to)}`;
}

export async function renderReadme(readme: string): Promise<string> {
  const specs = await loadConfigSpecs();
  const { runnerConfigSpec } = await import("../start/settings.ts");
  const withConfig = replaceSection(readme, "config-table", configTable(specs));
  const withRunner = replaceSection(withConfig, "runner-table", runnerTable(runnerConfigSpec));
  return replaceSection(withRunner, "event-catalog", eventCatalogTable());
}
