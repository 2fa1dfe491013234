// Development tooling (migration:new, drift tests): its engine is a devDependency, so production code must not
// import this entry point.
export {
  diffEmptyToSchema,
  diffMigrationsToSchema,
  type MigrationsDiffOptions,
  type SchemaDiffOptions,
} from "./schema-diff.ts";
export { SHADOW_DATABASE_PREFIX } from "./shadow-database-adapter.ts";
