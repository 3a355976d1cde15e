// Database plumbing shared by the demo, the test runner and CI: create a database, apply migrations.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");

export function withSslDisabled(url: string): string {
  const parsed = new URL(url);
  if (!parsed.searchParams.has("sslmode")) parsed.searchParams.set("sslmode", "disable");
  return parsed.toString();
}

export function replaceDatabaseName(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function ensureDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = new pg.Client({ connectionString: replaceDatabaseName(url, "postgres") });
  await admin.connect();
  try {
    const found = await admin.query("select 1 from pg_database where datname = $1", [name]);
    if (found.rowCount === 0) await admin.query(`create database "${name.replaceAll('"', '""')}"`);
  } finally {
    await admin.end();
  }
}

// Applies prisma/migrations/*.sql with dbmate; its history lives in the schema_migrations table.
export async function migrateDatabase(url: string): Promise<void> {
  await run(
    path.join(root, "node_modules/.bin/dbmate"),
    ["--url", withSslDisabled(url), "--migrations-dir", path.join(root, "prisma/migrations"), "--no-dump-schema", "up"],
    { cwd: root },
  );
}

async function onAdmin(serverUrl: string, run: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const admin = new pg.Client({ connectionString: replaceDatabaseName(serverUrl, "postgres") });
  await admin.connect();
  try {
    await run(admin);
  } finally {
    await admin.end();
  }
}

// A new, migrated database on the server of `serverUrl` (replacing one left by a killed run); returns its URL.
export async function createFreshDatabase(serverUrl: string, name: string): Promise<string> {
  await onAdmin(serverUrl, async (admin) => {
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.query(`create database "${name}"`);
  });
  const url = replaceDatabaseName(serverUrl, name);
  await migrateDatabase(url);
  return url;
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await onAdmin(serverUrl, (admin) => admin.query(`drop database if exists "${name}" with (force)`));
}
