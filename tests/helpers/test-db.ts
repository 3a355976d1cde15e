// A database of this test file's own, copied from the migrated template.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { dropDatabase, replaceDatabaseName } from "../../scripts/lib/database";

export type TestDb = { db: Db; url: string; drop: () => Promise<void> };

export async function createTestDb(): Promise<TestDb> {
  const templateUrl = inject("templateDatabaseUrl");
  const template = decodeURIComponent(new URL(templateUrl).pathname.slice(1));
  const name = `ib_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: replaceDatabaseName(templateUrl, "postgres") });
  await admin.connect();
  // Copying a template fails while another copy of it is being made; take turns.
  await admin.query("select pg_advisory_lock(7411)");
  try {
    await admin.query(`create database ${name} template ${template}`);
  } finally {
    await admin.query("select pg_advisory_unlock(7411)");
    await admin.end();
  }
  const url = replaceDatabaseName(templateUrl, name);
  const db = createDb(url);
  return {
    db,
    url,
    drop: async () => {
      await db.$disconnect();
      await dropDatabase(templateUrl, name);
    },
  };
}
