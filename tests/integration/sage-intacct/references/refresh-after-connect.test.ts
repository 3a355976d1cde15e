// Connecting Sage Intacct loads the reference lists in the background, so linking works right after connecting
// (the product guide goes from Save straight to "Choose the matching Sage vendor").
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeIntacctConnections } from "@/lib/intacct";
import {
  type RefreshJob,
  runRefreshJob,
  startReferenceRefresh,
  startRefreshAfterConnect,
} from "@/lib/integrations/sage-intacct/references/jobs";
import { getRefreshStatus } from "@/lib/integrations/sage-intacct/references/refresh";
import { setUpConnectedDemo, type ConnectedDemo } from "../../../helpers/intacct-setup";
import { createTestDb, type TestDb } from "../../../helpers/test-db";

let t: TestDb;
let demo: ConnectedDemo;

beforeAll(async () => {
  t = await createTestDb();
  demo = await setUpConnectedDemo(t.db);
});
afterAll(async () => {
  await demo?.mock.close();
  await closeIntacctConnections();
  await t?.drop();
});

describe("refresh after connect", () => {
  it("loads every list once; a Refresh clicked meanwhile follows it instead of failing or starting a second", async () => {
    const scheduled: (() => Promise<void>)[] = [];
    const schedule = (job: RefreshJob) => void scheduled.push(() => runRefreshJob(t.db, job));
    await startRefreshAfterConnect(t.db, demo.companyId, schedule);
    expect(scheduled).toHaveLength(1);
    expect((await getRefreshStatus(t.db, demo.companyId)).running).toBe(true);

    await startRefreshAfterConnect(t.db, demo.companyId, schedule);
    expect(await startReferenceRefresh(t.db, demo.pm, { full: false }, schedule)).toEqual({ started: [] });
    expect(scheduled).toHaveLength(1);

    await scheduled[0]?.();
    const status = await getRefreshStatus(t.db, demo.companyId);
    expect(status.running).toBe(false);
    expect(status.lastRefreshedAt).toBeInstanceOf(Date);
    expect(await t.db.intacctReference.count({ where: { companyId: demo.companyId, type: "VENDOR" } })).toBe(27);
    expect((await startReferenceRefresh(t.db, demo.pm, { full: false }, schedule)).started.length).toBeGreaterThan(0);
  });
});
