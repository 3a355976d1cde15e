// Finds queries that run at the same time on one PostgreSQL connection. pg 8 queues them and warns (once per
// process, and only from the third); pg 9 refuses them. They come from a Promise.all on a transaction client, or from
// one Prisma query inside an interactive transaction that loads two sibling relations (Prisma loads them at once).
import pg from "pg";

/** The start of pg's DeprecationWarning, as the app and the tests print it. */
export const PG_CONCURRENT_QUERY_WARNING = "Calling client.query() when the client is already executing a query";

export function isConcurrentQueryWarning(text: string): boolean {
  return text.includes(PG_CONCURRENT_QUERY_WARNING);
}

type Query = (this: object, ...args: unknown[]) => unknown;
type Watch = { reports: string[]; running: WeakMap<object, Map<object, string>> };

// One watch per process, kept on globalThis: Vitest loads this module again for each test file, but pg (an external
// module) only once, so its prototype must be wrapped once.
const WATCH = Symbol.for("ingenious.concurrent-queries");
const holder = globalThis as unknown as { [WATCH]?: Watch };

function sqlOf(args: unknown[]): string {
  const first = args[0];
  const text = typeof first === "string" ? first : (first as { text?: unknown } | null)?.text;
  return typeof text === "string" ? text.replace(/\s+/g, " ").slice(0, 120) : "(a prepared query)";
}

/**
 * Starts watching (idempotent) and returns the report list: every query sent while another was still running on
 * its connection, and pg's own warning.
 */
export function watchConcurrentQueries(): string[] {
  const existing = holder[WATCH];
  if (existing) return existing.reports;
  const watch: Watch = { reports: [], running: new WeakMap() };
  holder[WATCH] = watch;
  const proto = pg.Client.prototype as unknown as { query: Query };
  const original = proto.query;
  proto.query = function (this: object, ...args: unknown[]) {
    const sql = sqlOf(args);
    const running = watch.running.get(this) ?? new Map<object, string>();
    watch.running.set(this, running);
    const [other] = running.values();
    if (other !== undefined)
      watch.reports.push(`"${sql}" was sent while "${other}" was still running on the same connection`);
    const token = {};
    running.set(token, sql);
    const done = () => void running.delete(token);
    const last = args.at(-1);
    // pg.Pool sends with a callback; Prisma's adapter awaits the returned promise.
    if (typeof last === "function") {
      args[args.length - 1] = (...results: unknown[]) => {
        done();
        return (last as (...a: unknown[]) => unknown)(...results);
      };
      return original.apply(this, args);
    }
    let result: unknown;
    try {
      result = original.apply(this, args);
    } catch (error) {
      done();
      throw error;
    }
    if (result instanceof Promise) result.then(done, done);
    else done();
    return result;
  };
  process.on("warning", reportPgWarning);
  return watch.reports;
}

/** The process's "warning" listener: pg's warning is reported like a query it caught itself. */
export function reportPgWarning(warning: Error): void {
  if (isConcurrentQueryWarning(warning.message)) watchConcurrentQueries().push(`pg warned: ${warning.message}`);
}

/** The reports since the last call (and forgets them). */
export function takeConcurrentQueryReports(): string[] {
  return watchConcurrentQueries().splice(0);
}
