/** Helpers to read and rewrite PostgreSQL connection URLs (`postgresql://user@host:port/database?options`). */

/** The database a connection URL points at, e.g. `tpx_partner` for `postgresql://u@h:5432/tpx_partner`. */
export function databaseNameFromUrl(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
  if (name === "") {
    throw new Error(`The database URL names no database: ${redactUrl(url)}`);
  }
  return name;
}

/** The same server, credentials and options, pointed at another database. */
export function urlWithDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/** The URL without its password, for error messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== "") parsed.password = "***";
    return parsed.toString();
  } catch {
    return "<unparseable database URL>";
  }
}

/** Quotes an identifier (database, table) for SQL text where parameters are not allowed, e.g. CREATE DATABASE. */
export function quoteIdentifier(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}
