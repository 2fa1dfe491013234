import { pathToFileURL } from "node:url";
import { type ConfigSpec, requiredVariables, type VariableMap } from "@tpx/service-kit";
import { repoPath } from "./repository.ts";

export interface ServiceConfig {
  variables: VariableMap;
  required: string[];
}

/** A service's configSpec (services/<name>/src/config.ts), the single list of variables the process reads. */
export async function loadServiceConfig(service: string): Promise<ServiceConfig> {
  const file = repoPath("services", service, "src/config.ts");
  let module: { configSpec?: ConfigSpec<VariableMap> };
  try {
    module = await import(pathToFileURL(file).href);
  } catch (error) {
    throw new Error(`cannot import ${file}: ${(error as Error).message}`);
  }
  if (!module.configSpec?.variables) throw new Error(`${file} does not export configSpec`);
  return { variables: module.configSpec.variables, required: requiredVariables(module.configSpec) };
}
