// Requests in flight together: each request's functions run as one unit, so a rollback undoes only its own rows, the
// inspection API never sees a request half done, and the debounced state file holds every write of a burst.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startMockIntacct, type MockIntacct } from "./index";
import { call, createPoXml, fn, SUB_LINE } from "./test-helpers";

const creates = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) =>
    fn(createPoXml({ documentno: `${prefix}-${i}`, lines: [SUB_LINE] }), `${prefix}-${i}`),
  );

describe("two large requests at once", () => {
  let mock: MockIntacct;
  beforeAll(async () => {
    mock = await startMockIntacct({ port: 0 });
  });
  afterAll(() => mock.close());
  beforeEach(() => mock.reset());

  it("a rolled-back transaction and a plain batch sent together: each is whole, and inspection never sees half of one", async () => {
    // 150 creates and a failure last: the operation rolls back (§6).
    const doomed = [...creates("TX", 150), fn(createPoXml({ vendorid: "V-9999", lines: [SUB_LINE] }), "bad")];
    const seen = new Set<number>();
    let sending = true;
    const watch = (async () => {
      while (sending) {
        const view = (await (await fetch(`${mock.url}/__mock/documents`)).json()) as { count: number };
        seen.add(view.count);
      }
    })();
    const [transaction, batch] = await Promise.all([
      call(mock, doomed, { transaction: true }),
      call(mock, creates("B", 100)),
    ]);
    sending = false;
    await watch;

    expect(transaction.results.filter((r) => r.status === "aborted")).toHaveLength(150);
    expect(batch.results.every((r) => r.status === "success")).toBe(true);
    const documents = mock.listDocuments();
    expect(documents.map((d) => d.DOCNO)).toEqual(Array.from({ length: 100 }, (_, i) => `B-${i}`));
    // The batch's documents are numbered one after another: no function of the transaction ran between them.
    const recordNos = documents.map((d) => Number(d.RECORDNO));
    expect(recordNos).toEqual(Array.from({ length: 100 }, (_, i) => (recordNos[0] ?? 0) + i));
    // Whatever the inspection API read while both ran, it was a state between requests: none or all 100.
    for (const count of seen) expect([0, 100]).toContain(count);
  });
});

describe("--state FILE after a burst of writes", () => {
  it("the debounced save holds every write of three requests in a burst, and a restart reloads them", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mock-intacct-"));
    const file = join(dir, "state.json");
    try {
      const first = await startMockIntacct({ port: 0, stateFile: file });
      // Two at once (the company's limit, §11), the third as soon as one lane frees: all inside one debounce.
      const responses = await Promise.all([
        call(first, creates("A", 100)).then(async (a) => [a, await call(first, creates("C", 100))]),
        call(first, creates("B", 100)).then((b) => [b]),
      ]);
      for (const response of responses.flat()) expect(response.results.every((r) => r.status === "success")).toBe(true);
      // The save is debounced (100 ms): wait for it, then read the file as a crash right now would leave it.
      await new Promise((resolve) => setTimeout(resolve, 400));
      const saved = JSON.parse(readFileSync(file, "utf8")) as {
        companies: { tables: Record<string, { rows: unknown[] }>; completedControlIds: string[] }[];
      };
      const company = saved.companies.find((c) => (c.tables.PODOCUMENT?.rows.length ?? 0) > 0);
      expect(company?.tables.PODOCUMENT?.rows).toHaveLength(300);
      expect(company?.tables.AUDITHISTORY?.rows).toHaveLength(300);
      expect(company?.completedControlIds).toEqual(expect.arrayContaining(["A-0", "B-99", "C-50"]));
      await first.close();

      const second = await startMockIntacct({ port: 0, stateFile: file });
      try {
        expect(second.listDocuments()).toHaveLength(300);
        // Completed controlids came back too: a replay is refused (§6).
        const replay = await call(second, [fn(createPoXml({ documentno: "again", lines: [SUB_LINE] }), "B-7")], {
          uniqueId: true,
        });
        expect(replay.results[0]?.status).toBe("failure");
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
