// Vitest global setup: one PostgreSQL server for the run and one migrated template database; each test file
// then copies the template into a database of its own (tests/helpers/test-db.ts), so files run in parallel.
import type { TestProject } from "vitest/node";
import { replaceDatabaseName, migrateDatabase } from "../../scripts/lib/database";
import { startEphemeralServer } from "../../scripts/lib/ephemeral-db";
import pg from "pg";

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await startEphemeralServer();
  const templateName = `ib_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: replaceDatabaseName(server.adminUrl, "postgres") });
  await admin.connect();
  await admin.query(`drop database if exists ${templateName}`);
  await admin.query(`create database ${templateName}`);
  await admin.end();
  const templateUrl = replaceDatabaseName(server.adminUrl, templateName);
  await migrateDatabase(templateUrl);
  project.provide("templateDatabaseUrl", templateUrl);
  return async () => {
    const cleanup = new pg.Client({ connectionString: replaceDatabaseName(server.adminUrl, "postgres") });
    await cleanup.connect();
    await cleanup.query(`drop database if exists ${templateName} with (force)`);
    await cleanup.end();
    await server.stop();
  };
}
