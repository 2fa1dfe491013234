import type { DescField, DescMessage } from "@bufbuild/protobuf";
import { EVENT_CATALOG } from "@tpx/contracts";
import { escapeHtml, layout } from "../pages/html.ts";

export interface CatalogField {
  name: string;
  type: string;
  repeated: boolean;
  optional: boolean;
}

export interface CatalogEntry {
  type: string;
  version: number;
  producer: string;
  description: string;
  dataschema: string;
  fields: CatalogField[];
}

function typeOf(field: DescField): string {
  switch (field.fieldKind) {
    case "scalar":
      return String(field.scalar === undefined ? "scalar" : scalarName(field.scalar));
    case "enum":
      return field.enum.typeName;
    case "message":
      return field.message.typeName;
    case "list":
      return field.listKind === "message"
        ? field.message.typeName
        : field.listKind === "enum"
          ? field.enum.typeName
          : scalarName(field.scalar);
    case "map":
      return `map<${scalarName(field.mapKey)}, ${field.mapKind === "message" ? field.message.typeName : field.mapKind === "enum" ? field.enum.typeName : scalarName(field.scalar)}>`;
  }
}

const SCALARS: Record<number, string> = {
  1: "double",
  2: "float",
  3: "int64",
  4: "uint64",
  5: "int32",
  8: "bool",
  9: "string",
  12: "bytes",
  13: "uint32",
};

function scalarName(scalar: number): string {
  return SCALARS[scalar] ?? `scalar(${scalar})`;
}

/** The event catalog as data: every event version with its payload fields (proto3 JSON names). */
export function eventCatalog(): CatalogEntry[] {
  return EVENT_CATALOG.map((contract) => ({
    type: contract.type,
    version: contract.version,
    producer: contract.producer,
    description: contract.description,
    dataschema: contract.dataschema,
    fields: (contract.schema as DescMessage).fields.map((field) => ({
      name: field.jsonName,
      type: typeOf(field),
      repeated: field.fieldKind === "list",
      optional: field.proto.proto3Optional === true,
    })),
  }));
}

export function renderEventCatalog(baseUrl: string): string {
  const sections = eventCatalog()
    .map(
      (entry) => `<section id="${escapeHtml(`${entry.type}.v${entry.version}`)}">
<h2>${escapeHtml(entry.type)} <span class="muted">v${entry.version} · from ${escapeHtml(entry.producer)}</span></h2>
<p>${escapeHtml(entry.description)}</p>
<p class="muted">Payload <code>${escapeHtml(entry.dataschema)}</code></p>
<table><thead><tr><th>Field</th><th>Type</th><th></th></tr></thead><tbody>
${entry.fields.map((field) => `<tr><td><code>${escapeHtml(field.name)}</code></td><td>${field.repeated ? "list of " : ""}${escapeHtml(field.type)}</td><td>${field.optional ? "optional" : ""}</td></tr>`).join("\n")}
</tbody></table></section>`,
    )
    .join("\n");
  return layout(
    {
      title: "Event catalog | TPX",
      description: "Every event the TPX platform publishes.",
      canonical: `${baseUrl}/docs/events`,
    },
    `<h1>Event catalog</h1><p>Events are CloudEvents on NATS JetStream; <code>data</code> is proto3 JSON. Webhook subscriptions may name any of them.</p>${sections}`,
  );
}
