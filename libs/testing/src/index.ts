export { createTestAuth, type TestAuth } from "./auth.ts";
export {
  createTestDatabase,
  DEFAULT_TEST_DATABASE_ADMIN_URL,
  TEST_DATABASE_PREFIX,
  type TeardownRegistry,
  type TestDatabase,
  type TestDatabaseOptions,
  testDatabaseAdminUrl,
} from "./database.ts";
export { SHARED_NATS_URL, type TestNamespaceOptions, testNamespace } from "./namespace.ts";
export { type PrivateNatsServer, type StartNatsServerOptions, startNatsServer } from "./nats.ts";
export { closeOnTeardown, createTestService, type TestService, type TestServiceOptions } from "./platform.ts";
export { type Truthy, type WaitForOptions, waitFor } from "./wait.ts";
