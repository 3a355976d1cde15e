// Vitest setup (every test file): a test that runs two queries at once on one database connection fails, naming
// the queries, instead of leaving pg's warning in the log (pg 9 makes it an error).
import { afterAll, afterEach } from "vitest";
import { takeConcurrentQueryReports, watchConcurrentQueries } from "./concurrent-queries";

watchConcurrentQueries();

function failOnConcurrentQueries(where: string): void {
  const reports = takeConcurrentQueryReports();
  if (reports.length === 0) return;
  throw new Error(
    `Queries ran at the same time on one database connection ${where}. Run them one after another: no Promise.all ` +
      `on a transaction client, and inside a transaction no query that loads two sibling relations.\n` +
      reports.map((report) => `  - ${report}`).join("\n"),
  );
}

afterEach(() => failOnConcurrentQueries("during this test"));
afterAll(() => failOnConcurrentQueries("in this file's hooks"));
