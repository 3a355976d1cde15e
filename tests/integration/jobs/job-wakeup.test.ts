// New jobs wake the workers (LISTEN/NOTIFY at commit), so a click does not wait for the next poll: with a polling
// interval of 20 s, a sync requested after the worker's first (empty) fetch still ends within a couple of seconds.
import { afterAll, beforeAll, expect, it } from "vitest";
import { approveItem, submitItem } from "@/lib/financials/approval";
import { createInMemoryProvider } from "@/lib/integrations/in-memory/provider";
import { enqueueWith } from "@/lib/jobs/sync-jobs";
import { startWorker, type Worker } from "@/lib/jobs/worker";
import { readSyncRun, requestItemSync } from "@/lib/sync/runs";
import { buildCompany, buildContract, type TestCompany } from "../../helpers/builders";
import { createTestDb, type TestDb } from "../../helpers/test-db";

let t: TestDb;
let c: TestCompany;
let worker: Worker;
const provider = createInMemoryProvider();

beforeAll(async () => {
  t = await createTestDb();
  c = await buildCompany(t.db, "Wake Co");
  worker = await startWorker({ db: t.db, connectionString: t.url, provider, pollingIntervalSeconds: 20 });
}, 60_000);
afterAll(async () => {
  await worker?.stop({ graceful: false });
  await t?.drop();
});

it("a queued sync is picked up at once, not at the next poll", async () => {
  const { id } = await buildContract(t.db, c);
  await submitItem(t.db, c.pm, "CONTRACT", id);
  await approveItem(t.db, c.pm2, "CONTRACT", id);
  // Past the worker's first fetch, which found nothing: the next poll is 20 s away.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const started = Date.now();
  const { runId } = await requestItemSync(t.db, c.pm, "CONTRACT", id, { enqueue: enqueueWith(worker.boss), provider });
  for (;;) {
    const view = await readSyncRun(t.db, c.companyId, runId);
    if (view.run.status === "DONE") break;
    expect(Date.now() - started).toBeLessThan(5_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(Date.now() - started).toBeLessThan(5_000);
}, 30_000);
