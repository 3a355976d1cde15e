// transaction="true" rollback and uniqueid replay refusal (docs/intacct/gateway.md §6, §13.6–7).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startMockIntacct, type MockIntacct } from "./index";
import { call, callOk, createPoXml, fn, readByQueryXml, SUB_LINE } from "./test-helpers";

let mock: MockIntacct;
beforeAll(async () => {
  mock = await startMockIntacct({ port: 0 });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const ESTIMATE =
  "<create><PJESTIMATE><PJESTIMATEID>T-EST</PJESTIMATEID><PROJECTID>P-1001</PROJECTID><ENTRIES><PJESTIMATEENTRY><TASKID>03-2000</TASKID><AMOUNT>10</AMOUNT></PJESTIMATEENTRY></ENTRIES></PJESTIMATE></create>";

describe('operation transaction="true"', () => {
  it("rolls back every function when one fails: the failure gets its errors plus XL03000009, the others are aborted", async () => {
    const res = await call(
      mock,
      [
        fn(createPoXml({ documentno: "T-1", lines: [SUB_LINE] }), "po"),
        fn(ESTIMATE, "estimate"),
        fn(createPoXml({ documentno: "T-2", vendorid: "V-9999", lines: [SUB_LINE] }), "bad"),
        fn(createPoXml({ documentno: "T-3", lines: [SUB_LINE] }), "after"),
      ],
      { transaction: true },
    );
    expect(res.results.map((r) => [r.controlid, r.status])).toEqual([
      ["po", "aborted"],
      ["estimate", "aborted"],
      ["bad", "failure"],
      ["after", "aborted"],
    ]);
    const failure = res.results[2];
    expect(failure?.errors.map((e) => e.errorno)).toEqual(["BL01001973", "BL01001973", "XL03000009"]);
    expect(failure?.errors.at(-1)?.description2).toBe(
      "The entire transaction in this operation has been rolled back due to an error.",
    );
    for (const i of [0, 1, 3]) expect(res.results[i]?.errors.map((e) => e.errorno)).toEqual(["XL03000009"]);
    expect(res.results[0]?.key).toBeUndefined();
  });

  it("leaves no trace: no documents, no estimates, and auto-numbering is not consumed", async () => {
    await call(
      mock,
      [createPoXml({ lines: [SUB_LINE] }), ESTIMATE, createPoXml({ vendorid: "V-0", lines: [SUB_LINE] })],
      { transaction: true },
    );
    expect(mock.listDocuments()).toHaveLength(0);
    expect(mock.listEstimates()).toHaveLength(0);
    expect((await callOk(mock, createPoXml({ lines: [SUB_LINE] }))).key).toBe("Purchase Order-PO0001");
  });

  it("commits everything when every function succeeds", async () => {
    const res = await call(mock, [createPoXml({ documentno: "OK-1", lines: [SUB_LINE] }), ESTIMATE], {
      transaction: true,
    });
    expect(res.results.map((r) => r.status)).toEqual(["success", "success"]);
    expect(mock.listDocuments()).toHaveLength(1);
    expect(mock.listEstimates()).toHaveLength(1);
  });

  it("without transaction, functions are independent: the good ones persist", async () => {
    const res = await call(mock, [
      createPoXml({ documentno: "I-1", lines: [SUB_LINE] }),
      createPoXml({ vendorid: "V-0", lines: [SUB_LINE] }),
      ESTIMATE,
    ]);
    expect(res.results.map((r) => r.status)).toEqual(["success", "failure", "success"]);
    expect(res.results[1]?.errors.some((e) => e.errorno === "XL03000009")).toBe(false);
    expect(mock.listDocuments()).toHaveLength(1);
    expect(mock.listEstimates()).toHaveLength(1);
  });

  it("a failing read inside a transaction also rolls back the writes", async () => {
    const res = await call(mock, [createPoXml({ documentno: "R-1", lines: [SUB_LINE] }), readByQueryXml("NOPE", "")], {
      transaction: true,
    });
    expect(res.results.map((r) => r.status)).toEqual(["aborted", "failure"]);
    expect(mock.listDocuments()).toHaveLength(0);
  });
});

describe("uniqueid", () => {
  it("uniqueid=true refuses a function controlid that already completed, with no side effects", async () => {
    const write = fn(createPoXml({ lines: [SUB_LINE] }), "contract-42-v1");
    const first = await call(mock, [write], { uniqueId: true });
    expect(first.results[0]?.key).toBe("Purchase Order-PO0001");
    const replay = await call(mock, [write], { uniqueId: true });
    expect(replay.results[0]).toMatchObject({
      status: "failure",
      controlid: "contract-42-v1",
      function: "create_potransaction",
    });
    expect(replay.results[0]?.errors[0]?.description2).toMatch(/already been processed/);
    expect(mock.listDocuments()).toHaveLength(1);
    // The refused replay did not consume a document number either.
    expect((await callOk(mock, createPoXml({ lines: [SUB_LINE] }), { uniqueId: true })).key).toBe(
      "Purchase Order-PO0002",
    );
  });

  it("uniqueid defaults to true when the element is omitted", async () => {
    const write = fn(createPoXml({ lines: [SUB_LINE] }), "same");
    await call(mock, [write]);
    expect((await call(mock, [write])).results[0]?.status).toBe("failure");
  });

  it("uniqueid=false runs a repeated controlid again", async () => {
    const write = fn(createPoXml({ lines: [SUB_LINE] }), "again");
    await call(mock, [write], { uniqueId: false });
    const second = await call(mock, [write], { uniqueId: false });
    expect(second.results[0]?.status).toBe("success");
    expect(mock.listDocuments()).toHaveLength(2);
  });

  it("a controlid whose function failed was never completed, so a corrected retry under it succeeds", async () => {
    await call(mock, [fn(createPoXml({ vendorid: "V-0", lines: [SUB_LINE] }), "retry-me")], { uniqueId: true });
    const retry = await call(mock, [fn(createPoXml({ lines: [SUB_LINE] }), "retry-me")], { uniqueId: true });
    expect(retry.results[0]?.status).toBe("success");
  });

  it("a write that was rolled back by a transaction can be retried under the same controlid", async () => {
    const good = fn(createPoXml({ documentno: "RB-1", lines: [SUB_LINE] }), "rb-good");
    await call(mock, [good, fn(createPoXml({ vendorid: "V-0", lines: [SUB_LINE] }), "rb-bad")], {
      uniqueId: true,
      transaction: true,
    });
    const retry = await call(mock, [good], { uniqueId: true });
    expect(retry.results[0]?.status).toBe("success");
  });

  it("only the repeated function fails; the others in the request run", async () => {
    const seen = fn(createPoXml({ documentno: "U-1", lines: [SUB_LINE] }), "seen");
    await call(mock, [seen], { uniqueId: true });
    const res = await call(mock, [seen, fn(createPoXml({ documentno: "U-2", lines: [SUB_LINE] }), "fresh")], {
      uniqueId: true,
    });
    expect(res.results.map((r) => r.status)).toEqual(["failure", "success"]);
  });

  it("the replay errorno is configurable (the real one is undocumented)", async () => {
    mock.setFaults({ uniqueIdErrorNo: "XL03000010" });
    const write = fn(createPoXml({ lines: [SUB_LINE] }), "cfg");
    await call(mock, [write], { uniqueId: true });
    expect((await call(mock, [write], { uniqueId: true })).results[0]?.errors[0]?.errorno).toBe("XL03000010");
  });
});
