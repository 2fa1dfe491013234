import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type * as SchemaEngineModule from "@prisma/schema-engine-wasm/schema_engine_bg";

export type WasmSchemaEngineModule = typeof SchemaEngineModule;

/** The slice of the WebAssembly global used here (@types/node 20 does not declare it, and lib has no DOM). */
interface WebAssemblyApi {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, Record<string, unknown>>,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
}
const { WebAssembly } = globalThis as unknown as { WebAssembly: WebAssemblyApi };

let loading: Promise<WasmSchemaEngineModule> | undefined;

/**
 * Prisma's schema engine compiled to WebAssembly: the migration differ the native `prisma migrate` would use, minus
 * the native binary we cannot download. Its package entry imports the `.wasm` file as an ES module, which Node 20
 * cannot do, so the module is instantiated here against the package's own JS glue. Loaded once per process.
 */
export function loadWasmSchemaEngine(): Promise<WasmSchemaEngineModule> {
  loading ??= instantiate();
  return loading;
}

async function instantiate(): Promise<WasmSchemaEngineModule> {
  const require = createRequire(import.meta.url);
  const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const glue: WasmSchemaEngineModule = await import(gluePath);
  const bytes = await readFile(gluePath.replace(/schema_engine_bg\.js$/, "schema_engine_bg.wasm"));
  // The wasm imports its helpers from the glue under the glue's file name.
  const { instance } = await WebAssembly.instantiate(bytes, {
    "./schema_engine_bg.js": glue as unknown as Record<string, unknown>,
  });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as (() => void) | undefined)?.();
  return glue;
}
