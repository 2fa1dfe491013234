// Runs one dispatcher round in its own process, so a test can kill it (SIGKILL) in the middle of a provider call.
import { Outbox } from "@tpx/messaging";
import { createLogger } from "@tpx/observability";
import { configSpec } from "../../src/config.ts";
import { createDb } from "../../src/db.ts";
import { createDeps } from "../../src/deps.ts";
import { dispatchDueMessages } from "../../src/usecases/dispatch-due-messages.ts";

const config = configSpec.load();
const db = createDb(config.DATABASE_URL, 2);
const outbox = new Outbox({ service: "notification", namespace: config.EVENT_NAMESPACE });
const deps = createDeps({ db, outbox, config, logger: createLogger({ service: "notification", level: "silent" }) });
await dispatchDueMessages(deps);
await db.$disconnect();
