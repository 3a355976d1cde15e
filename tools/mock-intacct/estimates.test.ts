// Generic create/update of PJESTIMATE and PJESTIMATEENTRY (docs/intacct/gateway.md §10, §13.5).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startMockIntacct, type MockIntacct } from "./index";
import { call, callOk, readByQueryXml, type ResponseView } from "./test-helpers";

let mock: MockIntacct;
beforeAll(async () => {
  mock = await startMockIntacct({ port: 0 });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

type Entry = Record<string, string>;
const ENTRY: Entry = { TASKID: "03-2000", COSTTYPEID: "MAT", ACCOUNTNO: "5020", AMOUNT: "9550.00", WFTYPE: "original" };

function entriesXml(entries: Entry[]): string {
  return `<ENTRIES>${entries
    .map(
      (e) =>
        `<PJESTIMATEENTRY>${Object.entries(e)
          .map(([k, v]) => `<${k}>${v}</${k}>`)
          .join("")}</PJESTIMATEENTRY>`,
    )
    .join("")}</ENTRIES>`;
}

function createEstimateXml(header: Record<string, string>, entries: Entry[] = [ENTRY]): string {
  return `<create><PJESTIMATE>${Object.entries(header)
    .map(([k, v]) => `<${k}>${v}</${k}>`)
    .join("")}${entriesXml(entries)}</PJESTIMATE></create>`;
}

function expectFailure(res: ResponseView, description2: string | RegExp) {
  const result = res.results[0];
  expect(result?.status).toBe("failure");
  // A failed generic write still carries an empty objects list (docs/intacct/gateway.md §3).
  expect(result?.data?.attrs).toEqual({ listtype: "objects", count: "0" });
  expect(
    result?.errors.some((e) =>
      typeof description2 === "string" ? e.description2 === description2 : description2.test(e.description2),
    ),
  ).toBe(true);
  expect(mock.listEstimates()).toHaveLength(0);
}

describe("create PJESTIMATE", () => {
  it("returns <data listtype=objects count=1> with a lowercase pjestimate holding RECORDNO and PJESTIMATEID", async () => {
    const result = await callOk(
      mock,
      createEstimateXml({ PJESTIMATEID: "EST-P1001", PROJECTID: "P-1001", DESCRIPTION: "Original budget" }),
    );
    expect(result.function).toBe("create");
    expect(result.data?.attrs).toEqual({ listtype: "objects", count: "1" });
    expect(result.data?.children[0]?.name).toBe("pjestimate");
    expect(result.records[0]).toEqual({ RECORDNO: "1", PJESTIMATEID: "EST-P1001" });
    expect(mock.listEstimates()[0]).toMatchObject({
      PROJECTID: "P-1001",
      ISPRIMARY: "true",
      STATUS: "active",
      TOTALAMOUNT: "9550.00",
    });
  });

  it("the estimate is readable with its entries (read/readByName) and entries are queryable", async () => {
    await callOk(
      mock,
      createEstimateXml({ PJESTIMATEID: "E1", PROJECTID: "P-1001" }, [
        ENTRY,
        { ...ENTRY, COSTTYPEID: "SUB", ACCOUNTNO: "5100", AMOUNT: "100" },
      ]),
    );
    const byName = await callOk(
      mock,
      "<readByName><object>PJESTIMATE</object><keys>E1</keys><fields>*</fields></readByName>",
    );
    const entries = byName.data?.children[0]?.children.find((c) => c.name === "ENTRIES")?.children ?? [];
    expect(entries.map((e) => e.name)).toEqual(["pjestimateentry", "pjestimateentry"]);
    const lines = await callOk(
      mock,
      readByQueryXml("PJESTIMATEENTRY", "PJESTIMATEID = 'E1'", { fields: "TASKID,COSTTYPEID,ACCOUNTNO,AMOUNT,WFTYPE" }),
    );
    expect(lines.records).toEqual([
      { TASKID: "03-2000", COSTTYPEID: "MAT", ACCOUNTNO: "5020", AMOUNT: "9550.00", WFTYPE: "original" },
      { TASKID: "03-2000", COSTTYPEID: "SUB", ACCOUNTNO: "5100", AMOUNT: "100.00", WFTYPE: "original" },
    ]);
  });

  it("AMOUNT wins over QTY × UNITCOST, which is used when AMOUNT is absent", async () => {
    const { AMOUNT: _a, ...noAmount } = ENTRY;
    await callOk(
      mock,
      createEstimateXml({ PJESTIMATEID: "E2", PROJECTID: "P-1001" }, [
        { ...noAmount, QTY: "10", UNITCOST: "2.5" },
        { ...ENTRY, QTY: "10", UNITCOST: "2.5" },
      ]),
    );
    expect(mock.listEstimates()[0]?.entries.map((e) => e.AMOUNT)).toEqual(["25.00", "9550.00"]);
  });

  it("only the first estimate of a project is primary automatically", async () => {
    await callOk(mock, createEstimateXml({ PJESTIMATEID: "A", PROJECTID: "P-1001" }));
    await callOk(mock, createEstimateXml({ PJESTIMATEID: "B", PROJECTID: "P-1001" }));
    expect(mock.listEstimates().map((e) => [e.PJESTIMATEID, e.ISPRIMARY])).toEqual([
      ["A", "true"],
      ["B", "false"],
    ]);
  });

  const invalid: [string, Entry, string | RegExp][] = [
    ["WFTYPE", { ...ENTRY, WFTYPE: "approved" }, "Invalid WFTYPE 'approved' specified."],
    ["ACCOUNTNO", { ...ENTRY, ACCOUNTNO: "9999" }, "Invalid GL Account '9999' specified."],
    ["inactive ACCOUNTNO", { ...ENTRY, ACCOUNTNO: "6900" }, "Invalid GL Account '6900' specified."],
    ["TASKID outside the project", { ...ENTRY, TASKID: "03-3000" }, "Invalid Task '03-3000' specified."],
    [
      "COSTTYPEID outside the task",
      { ...ENTRY, TASKID: "01-5000", COSTTYPEID: "MAT" },
      "Invalid Cost Type 'MAT' specified.",
    ],
    ["COSTTYPEID without TASKID", { ...ENTRY, TASKID: "" }, /requires a task/],
    ["AMOUNT", { ...ENTRY, AMOUNT: "a lot" }, "Invalid AMOUNT 'a lot' specified."],
    ["EFFECTIVEDATE", { ...ENTRY, EFFECTIVEDATE: "2025-01-01" }, "Invalid EFFECTIVEDATE '2025-01-01' specified."],
    ["unknown field", { ...ENTRY, GLACCOUNTNO: "5000" }, "GLACCOUNTNO is not a valid field of PJESTIMATEENTRY."],
  ];
  for (const [name, entry, message] of invalid) {
    it(`refuses an invalid ${name}`, async () => {
      expectFailure(
        await call(mock, [createEstimateXml({ PJESTIMATEID: "X", PROJECTID: "P-1001" }, [entry])]),
        message,
      );
    });
  }

  it("every WFTYPE value the docs list is accepted", async () => {
    const types = ["original", "revision", "forecast", "pending change", "approved change", "other"];
    await callOk(
      mock,
      createEstimateXml(
        { PJESTIMATEID: "W", PROJECTID: "P-1001" },
        types.map((t) => ({ ...ENTRY, WFTYPE: t })),
      ),
    );
    expect(mock.listEstimates()[0]?.entries.map((e) => e.WFTYPE)).toEqual(types);
  });

  it("requires an existing PROJECTID", async () => {
    expectFailure(await call(mock, [createEstimateXml({ PJESTIMATEID: "X" })]), "PROJECTID is required.");
    expectFailure(
      await call(mock, [createEstimateXml({ PJESTIMATEID: "X", PROJECTID: "P-404" })]),
      "Invalid Project 'P-404' specified.",
    );
  });

  it("a duplicate PJESTIMATEID fails with BL34000061", async () => {
    await callOk(mock, createEstimateXml({ PJESTIMATEID: "DUP", PROJECTID: "P-1001" }));
    const res = await call(mock, [createEstimateXml({ PJESTIMATEID: "DUP", PROJECTID: "P-1002" })]);
    expect(res.results[0]?.errors[0]?.errorno).toBe("BL34000061");
    expect(mock.listEstimates()).toHaveLength(1);
  });

  it("without PJESTIMATEID the estimate gets a sequenced id", async () => {
    const result = await callOk(mock, createEstimateXml({ PROJECTID: "P-1002" }, [{ ...ENTRY, TASKID: "03-3000" }]));
    expect(result.records[0]?.PJESTIMATEID).toMatch(/^EST-\d{4}$/);
  });

  it("an object the mock does not write fails (VENDOR, PROJECT and TASK: object-writes.test.ts); an unknown object fails", async () => {
    const account = await call(mock, ["<create><GLACCOUNT><ACCOUNTNO>9999</ACCOUNTNO></GLACCOUNT></create>"]);
    expect(account.results[0]?.status).toBe("failure");
    const unknown = await call(mock, ["<create><WIDGET><ID>1</ID></WIDGET></create>"]);
    expect(unknown.results[0]?.errors[0]?.errorno).toBe("Query Failed");
  });
});

describe("update PJESTIMATE and standalone entries", () => {
  it("update appends new entries (no RECORDNO) such as approved changes, and never deletes the others", async () => {
    await callOk(mock, createEstimateXml({ PJESTIMATEID: "U1", PROJECTID: "P-1001" }));
    const change = { ...ENTRY, AMOUNT: "1200.00", WFTYPE: "approved change", EFFECTIVEDATE: "04/01/2025" };
    const result = await callOk(
      mock,
      `<update><PJESTIMATE><PJESTIMATEID>U1</PJESTIMATEID><DESCRIPTION>with CO 1</DESCRIPTION>${entriesXml([change])}</PJESTIMATE></update>`,
    );
    expect(result.records[0]).toEqual({ RECORDNO: "1", PJESTIMATEID: "U1" });
    const [estimate] = mock.listEstimates();
    expect(estimate).toMatchObject({ DESCRIPTION: "with CO 1", TOTALAMOUNT: "10750.00" });
    expect(estimate?.entries.map((e) => [e.WFTYPE, e.AMOUNT])).toEqual([
      ["original", "9550.00"],
      ["approved change", "1200.00"],
    ]);
  });

  it("update by RECORDNO can change an existing entry; an entry of another estimate is refused", async () => {
    await callOk(mock, createEstimateXml({ PJESTIMATEID: "U2", PROJECTID: "P-1001" }));
    await callOk(mock, createEstimateXml({ PJESTIMATEID: "U3", PROJECTID: "P-1001" }));
    const [u2, u3] = mock.listEstimates();
    await callOk(
      mock,
      `<update><PJESTIMATE><RECORDNO>${u2?.RECORDNO}</RECORDNO>${entriesXml([{ RECORDNO: u2?.entries[0]?.RECORDNO ?? "", AMOUNT: "1.00" }])}</PJESTIMATE></update>`,
    );
    expect(mock.listEstimates()[0]?.entries[0]?.AMOUNT).toBe("1.00");
    const res = await call(mock, [
      `<update><PJESTIMATE><RECORDNO>${u2?.RECORDNO}</RECORDNO>${entriesXml([{ RECORDNO: u3?.entries[0]?.RECORDNO ?? "", AMOUNT: "2.00" }])}</PJESTIMATE></update>`,
    ]);
    expect(res.results[0]?.errors[0]?.description2).toBe(
      `Invalid Estimate Entry '${u3?.entries[0]?.RECORDNO}' specified.`,
    );
  });

  it("update validates new entries like create (WFTYPE, task within project)", async () => {
    await callOk(mock, createEstimateXml({ PJESTIMATEID: "U4", PROJECTID: "P-1001" }));
    const res = await call(mock, [
      `<update><PJESTIMATE><PJESTIMATEID>U4</PJESTIMATEID>${entriesXml([{ ...ENTRY, WFTYPE: "change" }])}</PJESTIMATE></update>`,
    ]);
    expect(res.results[0]?.status).toBe("failure");
    expect(mock.listEstimates()[0]?.entries).toHaveLength(1);
  });

  it("a finalized estimate cannot be updated", async () => {
    await callOk(mock, createEstimateXml({ PJESTIMATEID: "F1", PROJECTID: "P-1001", STATUS: "finalized" }));
    const res = await call(mock, [
      `<update><PJESTIMATE><PJESTIMATEID>F1</PJESTIMATEID><DESCRIPTION>x</DESCRIPTION></PJESTIMATE></update>`,
    ]);
    expect(res.results[0]?.errors[0]?.description2).toMatch(/finalized/);
  });

  it("updating an unknown estimate fails", async () => {
    const res = await call(mock, ["<update><PJESTIMATE><PJESTIMATEID>NOPE</PJESTIMATEID></PJESTIMATE></update>"]);
    expect(res.results[0]?.errors[0]?.description2).toBe("Cannot find Project Estimate with key 'NOPE' to update.");
  });

  it("a standalone PJESTIMATEENTRY create needs PJESTIMATEID and returns its RECORDNO", async () => {
    await callOk(mock, createEstimateXml({ PJESTIMATEID: "S1", PROJECTID: "P-1001" }));
    const missing = await call(mock, [
      `<create><PJESTIMATEENTRY>${Object.entries(ENTRY)
        .map(([k, v]) => `<${k}>${v}</${k}>`)
        .join("")}</PJESTIMATEENTRY></create>`,
    ]);
    expect(missing.results[0]?.errors[0]?.description2).toBe("PJESTIMATEID is required to create a PJESTIMATEENTRY.");
    const ok = await callOk(
      mock,
      `<create><PJESTIMATEENTRY><PJESTIMATEID>S1</PJESTIMATEID><TASKID>03-1000</TASKID><AMOUNT>5</AMOUNT><WFTYPE>pending change</WFTYPE></PJESTIMATEENTRY></create>`,
    );
    expect(ok.data?.children[0]?.name).toBe("pjestimateentry");
    expect(mock.listEstimates()[0]?.entries).toHaveLength(2);
  });
});
