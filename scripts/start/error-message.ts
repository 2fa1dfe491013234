/**
 * A readable message for any thrown value. Node reports a connection refused on every address of a name as an
 * AggregateError whose own message is empty; its inner errors say what happened.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof AggregateError && error.message === "") {
    return error.errors.map((inner) => errorMessage(inner)).join("; ");
  }
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
