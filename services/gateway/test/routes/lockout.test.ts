import t from "tap";
import { startGateway } from "../support/gateway.ts";
import { PASSWORD, uniqueEmail } from "../support/users.ts";

t.test("gateway login throttling", async (t) => {
  const { app, deps } = await startGateway(t, {
    env: { RATE_LIMIT_LOGIN_PER_MINUTE: "1000", LOGIN_LOCKOUT_THRESHOLD: "5", LOGIN_LOCKOUT_MINUTES: "15" },
  });
  const login = (email: string, password: string) =>
    app.inject({ method: "POST", url: "/api/gateway/auth/login", payload: { email, password } });

  t.test("a wrong password and an unknown e-mail get the same answer", async (t) => {
    const email = uniqueEmail("same");
    await app.inject({
      method: "POST",
      url: "/api/gateway/auth/signup",
      payload: { email, password: PASSWORD, role: "contractor" },
    });
    const wrong = await login(email, "wrong password!!");
    const unknown = await login(uniqueEmail("nobody"), "wrong password!!");
    t.equal(wrong.statusCode, 401);
    t.equal(unknown.statusCode, 401);
    t.equal(wrong.json().detail, unknown.json().detail);
  });

  t.test("repeated failures back off, then lock the account even for the right password", async (t) => {
    const email = uniqueEmail("lock");
    await app.inject({
      method: "POST",
      url: "/api/gateway/auth/signup",
      payload: { email, password: PASSWORD, role: "contractor" },
    });
    for (let attempt = 1; attempt <= 2; attempt += 1) t.equal((await login(email, "wrong password!!")).statusCode, 401);
    t.equal((await login(email, PASSWORD)).statusCode, 200, "two failures cost nothing and a success resets the count");
    for (let attempt = 1; attempt <= 3; attempt += 1) t.equal((await login(email, "wrong password!!")).statusCode, 401);
    const backoff = await login(email, PASSWORD);
    t.equal(backoff.statusCode, 429, "the third failure in a row starts a backoff");
    t.equal(backoff.json().code, "LOGIN_THROTTLED");
    t.ok(Number(backoff.json().retryAfterSeconds) >= 1);

    // let the short backoffs pass by moving the lock into the past, then fail up to the threshold
    const user = await deps.db.user.findUniqueOrThrow({ where: { email } });
    for (let failures = 4; failures <= 5; failures += 1) {
      await deps.db.user.update({ where: { id: user.id }, data: { lockedUntil: new Date(Date.now() - 1000) } });
      t.equal((await login(email, "wrong password!!")).statusCode, 401);
    }
    const locked = await deps.db.user.findUniqueOrThrow({ where: { email } });
    t.equal(locked.failedLoginCount, 5);
    const minutes = ((locked.lockedUntil?.getTime() ?? 0) - Date.now()) / 60_000;
    t.ok(minutes > 14 && minutes <= 15, `locked for the configured 15 minutes (${minutes.toFixed(1)})`);
    const refused = await login(email, PASSWORD);
    t.equal(refused.statusCode, 429, "the right password does not get in while locked");
    t.ok(Number(refused.json().retryAfterSeconds) > 800);
  });
});
