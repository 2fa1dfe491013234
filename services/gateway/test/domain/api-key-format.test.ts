import fc from "fast-check";
import t from "tap";
import { apiKeyHashMatches, generateApiKey, parseApiKey } from "../../src/domain/api-key-format.ts";

t.test("api key format", async (t) => {
  t.test("a generated key parses back to its id and matches its hash", async (t) => {
    const generated = generateApiKey();
    t.match(generated.key, /^tpk_[0-9A-Za-z]{12}_[0-9A-Za-z]{49}$/);
    t.same(parseApiKey(generated.key), { id: generated.id });
    t.ok(apiKeyHashMatches(generated.key, generated.hash));
    t.notOk(generated.hash.includes(generated.key.slice(17)), "the hash does not contain the secret");
  });

  t.test("changing any one character breaks the checksum or the hash", async (t) => {
    const generated = generateApiKey();
    t.doesNotThrow(() =>
      fc.assert(
        fc.property(
          fc.integer({ min: 17, max: generated.key.length - 1 }),
          fc.constantFrom(..."0123456789abcXYZ"),
          (index, char) => {
            if (generated.key[index] === char) return true;
            const mutated = generated.key.slice(0, index) + char + generated.key.slice(index + 1);
            return parseApiKey(mutated) === undefined || !apiKeyHashMatches(mutated, generated.hash);
          },
        ),
      ),
    );
  });

  t.test("strings that are not keys are refused without a lookup", async (t) => {
    for (const candidate of ["", "tpk_", "ghp_abc", `tpk_${"a".repeat(12)}_${"b".repeat(49)}`]) {
      t.equal(parseApiKey(candidate), undefined, candidate);
    }
  });
});
