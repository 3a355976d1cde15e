// Runs after every other spec: the Intacct passwords and every Intacct session id the mock issued during the run
// must appear nowhere the app writes or answers: not in the database, not in the app's log, not in any response
// (every response of the run passed through the recording proxy, tests/e2e/recording-proxy.ts).
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { INTACCT_DEMO, readE2eInfo } from "./fixtures";
import type { SecretScan } from "./recording-proxy";

function secrets(): Map<string, string> {
  const sessionIds = JSON.parse(readFileSync(readE2eInfo().sessionIdsFile, "utf8")) as string[];
  return new Map([
    ["Intacct sender password", INTACCT_DEMO.senderPassword],
    ["Intacct user password", INTACCT_DEMO.userPassword],
    ...sessionIds.map((id, i): [string, string] => [`Intacct session id #${i + 1}`, id]),
  ]);
}

test("no Intacct password or session id in the database, the app's log or any response of the run", async ({
  request,
}) => {
  const found = secrets();
  // The run connected to the mock and synced: there were sessions to leak.
  expect(found.size).toBeGreaterThan(2);

  const client = new pg.Client({ connectionString: readE2eInfo().databaseUrl });
  await client.connect();
  const inDatabase: string[] = [];
  try {
    const { rows: tables } = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    for (const { table_name: table } of tables) {
      const { rows } = await client.query<{ row: string }>(`SELECT t::text AS row FROM "${table}" t`);
      for (const { row } of rows)
        for (const [name, value] of found) if (row.includes(value)) inDatabase.push(`${name} in ${table}`);
    }
  } finally {
    await client.end();
  }
  expect(inDatabase).toEqual([]);

  const log = readFileSync(readE2eInfo().appLog, "utf8");
  expect(log.length).toBeGreaterThan(0);
  expect([...found].filter(([, value]) => log.includes(value)).map(([name]) => name)).toEqual([]);

  const scan = (await (await request.get("/__e2e/secret-scan")).json()) as SecretScan;
  console.log(
    `secrets scan: ${found.size} secrets, ${scan.responses} responses (${(scan.bytes / 1e6).toFixed(1)} MB), ${log.split("\n").length} log lines, hits ${scan.hits.length + inDatabase.length}`,
  );
  expect(scan.responses).toBeGreaterThan(100);
  expect(scan.hits).toEqual([]);
});
