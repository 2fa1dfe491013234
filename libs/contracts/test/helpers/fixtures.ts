import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { EventContract } from "../../src/contract.ts";
import { type CloudEvent, parseEnvelope } from "../../src/envelope.ts";

/** Frozen example envelopes, one per event version: `<type>.v<version>.json`. Edit only additively. */
export const FIXTURE_DIR = fileURLToPath(new URL("../fixtures/", import.meta.url));

export function fixtureFileName(contract: Pick<EventContract, "type" | "version">): string {
  return `${contract.type}.v${contract.version}.json`;
}

export function fixtureFileNames(): string[] {
  return readdirSync(FIXTURE_DIR).filter((name) => name.endsWith(".json"));
}

export function readFixtureText(contract: Pick<EventContract, "type" | "version">): string {
  return readFileSync(`${FIXTURE_DIR}${fixtureFileName(contract)}`, "utf8");
}

export function loadFixture(contract: Pick<EventContract, "type" | "version">): CloudEvent<unknown> {
  return parseEnvelope(readFixtureText(contract));
}

/** A fresh copy of a fixture's `data` as a plain object, safe to mutate. */
export function fixtureData(contract: Pick<EventContract, "type" | "version">): Record<string, unknown> {
  return structuredClone(loadFixture(contract).data) as Record<string, unknown>;
}
