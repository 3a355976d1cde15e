// Intacct's per-company request limit held in PostgreSQL: two "processes" (two pools, two slot sets) together
// never have more than the limit in flight, and a process that dies frees its slots at once.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRequestSlots } from "@/lib/integrations/sage-intacct/request-slots";
import { createTestDb, type TestDb } from "../helpers/test-db";

let t: TestDb;
const pools: pg.Pool[] = [];

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await Promise.all(pools.map((p) => p.end().catch(() => undefined)));
  await t?.drop();
});

function newProcess() {
  const pool = new pg.Pool({ connectionString: t.url, max: 6 });
  // A connection ended under the pool (the "killed process" below) is reported here; nothing to do.
  pool.on("error", () => undefined);
  pools.push(pool);
  return { pool, slots: createRequestSlots(pool, "mock/COMPANY-A", 2) };
}

describe("database-held request slots", () => {
  it("two processes share two slots: never more than two requests in flight, and every request runs", async () => {
    const [a, b] = [newProcess(), newProcess()];
    let inFlight = 0;
    let most = 0;
    const request = async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 60));
      inFlight -= 1;
      return "ok";
    };
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).slots.run(request)));
    expect(results).toEqual(Array(10).fill("ok"));
    expect(most).toBe(2);
    // Another company is not held up by this one's slots.
    const other = createRequestSlots(a.pool, "mock/COMPANY-B", 2);
    expect(await other.run(async () => "free")).toBe("free");
  });

  it("a process that dies while holding both slots frees them at once", async () => {
    const dying = newProcess();
    const survivor = newProcess();
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    const holding = [dying.slots.run(() => held), dying.slots.run(() => held)];
    await new Promise((r) => setTimeout(r, 200));
    const waiting = survivor.slots.run(async () => "ran");
    const timeout = AbortSignal.timeout(300);
    await expect(survivor.slots.run(async () => "early", timeout)).rejects.toBeDefined();
    // The "process" dies: its connections end (as they do when a process is killed), and PostgreSQL drops
    // their locks at once.
    await survivor.pool.query(
      "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid()",
    );
    expect(await waiting).toBe("ran");
    release();
    await Promise.allSettled(holding);
  });
});
