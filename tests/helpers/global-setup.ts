// Vitest global setup: one PostgreSQL server for the run and one migrated template database; each test file
// then copies the template into a database of its own (tests/helpers/test-db.ts), so files run in parallel.
import type { TestProject } from "vitest/node";
import { createFreshDatabase, dropDatabase } from "../../scripts/lib/database";
import { startEphemeralServer } from "../../scripts/lib/ephemeral-db";

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await startEphemeralServer();
  const templateName = `ib_template_${process.pid}`;
  const templateUrl = await createFreshDatabase(server.adminUrl, templateName);
  project.provide("templateDatabaseUrl", templateUrl);
  return async () => {
    await dropDatabase(server.adminUrl, templateName);
    await server.stop();
  };
}
