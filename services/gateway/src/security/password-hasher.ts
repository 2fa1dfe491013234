import { hash, type Options, verify } from "@node-rs/argon2";
import { Semaphore } from "./semaphore.ts";

/** OWASP Password Storage Cheat Sheet minimum for argon2id: m = 19 MiB, t = 2, p = 1. */
// algorithm 2 is Argon2id (a const enum in the package's types, which erasable TypeScript cannot import)
export const ARGON2_OPTIONS: Options = {
  algorithm: 2 as Options["algorithm"],
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

/**
 * argon2id hashing with a cap on concurrent hashes: login is unauthenticated and each hash holds 19 MiB and a
 * thread-pool thread, so a burst of logins queues here instead of exhausting memory or starving other I/O.
 */
export class PasswordHasher {
  private readonly gate: Semaphore;
  /** Verified against when the e-mail is unknown, so a miss costs the same time as a wrong password. */
  private dummyHash: Promise<string> | undefined;

  constructor(concurrency: number) {
    this.gate = new Semaphore(concurrency);
  }

  hash(password: string): Promise<string> {
    return this.gate.run(() => hash(password, ARGON2_OPTIONS));
  }

  async verify(storedHash: string | undefined, password: string): Promise<boolean> {
    if (storedHash === undefined) {
      this.dummyHash ??= this.hash("not-a-real-password-just-equal-timing");
      const dummy = await this.dummyHash;
      await this.gate.run(() => verify(dummy, password));
      return false;
    }
    return this.gate.run(() => verify(storedHash, password));
  }
}
