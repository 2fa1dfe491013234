import fc from "fast-check";

/** Runs a fast-check property and records it as one assertion (fast-check throws with the counterexample). */
export function assertProperty(t: { pass(message: string): void }, property: fc.IRawProperty<unknown[]>): void {
  fc.assert(property);
  t.pass("the property held for every generated case");
}
