import { describe, expect, it } from "vitest";
import { describeRemoteStatus, readDriftDetails, type RemoteStatusRecord } from "@/lib/sync/remote-status";
import { compareDocument } from "@/lib/sync/status-check";

const synced: RemoteStatusRecord = {
  state: "SYNCED",
  intacctState: "Submitted",
  billState: "",
  billTotalCents: null,
  paidCents: null,
  dueCents: null,
  paidAt: null,
  drift: "",
  driftDetails: [],
};

describe("describeRemoteStatus", () => {
  it("says nothing for an item that is not synced", () => {
    expect(describeRemoteStatus({ ...synced, state: "FAILED", intacctState: "Approved" }, "Intacct")).toBeNull();
    expect(describeRemoteStatus({ ...synced, intacctState: "" }, "Intacct")).toBeNull();
  });

  it("names the document's approval state", () => {
    expect(describeRemoteStatus({ ...synced, intacctState: "Approved" }, "Intacct")).toEqual({
      label: "Approved in Intacct",
      tone: "good",
      differences: [],
    });
    expect(describeRemoteStatus({ ...synced, intacctState: "Declined" }, "Intacct")).toMatchObject({
      label: "Declined in Intacct",
      tone: "bad",
    });
    expect(describeRemoteStatus(synced, "Intacct")).toMatchObject({ label: "Awaiting approval in Intacct" });
    expect(describeRemoteStatus({ ...synced, intacctState: "Partially Converted" }, "Intacct")?.label).toBe(
      "Approved in Intacct",
    );
  });

  it("shows a part payment with both amounts, in dollars", () => {
    const status = describeRemoteStatus(
      {
        ...synced,
        intacctState: "Approved",
        billState: "Partially Paid",
        billTotalCents: BigInt(27_500_000),
        paidCents: BigInt(10_000_000),
      },
      "Intacct",
    );
    expect(status).toEqual({ label: "Partially paid $100,000.00 of $275,000.00", tone: "neutral", differences: [] });
  });

  it("shows the payment date of a paid bill as a calendar date that never shifts a day", () => {
    const status = describeRemoteStatus(
      {
        ...synced,
        intacctState: "Approved",
        billState: "Paid",
        billTotalCents: 500,
        paidCents: 500,
        paidAt: new Date("2026-12-01T00:00:00.000Z"),
      },
      "Intacct",
    );
    expect(status).toMatchObject({ label: "Paid Dec 1, 2026", tone: "good" });
    const zoned = describeRemoteStatus(
      { ...synced, billState: "Paid", paidAt: new Date("2026-12-01T00:00:00Z") },
      "X",
      {
        formatPaidAt: () => "Nov 30, 2026",
      },
    );
    expect(zoned?.label).toBe("Paid Nov 30, 2026");
  });

  it("puts a deletion first, whatever else is known", () => {
    expect(
      describeRemoteStatus({ ...synced, intacctState: "Approved", billState: "Paid", drift: "DELETED" }, "Intacct"),
    ).toMatchObject({ label: "Deleted in Intacct", tone: "bad", differences: [] });
  });

  it("lists the differences of a changed document and keeps its payment standing as the detail", () => {
    const status = describeRemoteStatus(
      {
        ...synced,
        intacctState: "Approved",
        billState: "Partially Paid",
        billTotalCents: 1000,
        paidCents: 250,
        drift: "CHANGED",
        driftDetails: [{ field: "Total", ours: "$10.00", theirs: "$12.00" }, { nonsense: true }],
      },
      "Intacct",
    );
    expect(status).toEqual({
      label: "Changed in Intacct",
      tone: "warn",
      detail: "Partially paid $2.50 of $10.00",
      differences: [{ field: "Total", ours: "$10.00", theirs: "$12.00" }],
    });
  });

  it("reads unknown drift words and malformed details as nothing", () => {
    expect(describeRemoteStatus({ ...synced, intacctState: "Approved", drift: "WHATEVER" }, "Intacct")?.label).toBe(
      "Approved in Intacct",
    );
    expect(readDriftDetails("not an array")).toEqual([]);
    expect(readDriftDetails(null)).toEqual([]);
  });
});

describe("compareDocument", () => {
  const theirs = {
    key: "PO-1",
    recordNo: "1",
    state: "Pending",
    vendorId: "V1",
    totalCents: 300,
    lines: [
      { key: "11", amountCents: 100, costCode: "03" },
      { key: "12", amountCents: 200, costCode: "05" },
    ],
    modifiedAt: "",
  };
  const ours = {
    vendorId: "V1",
    lines: [
      { lineId: "a", amountCents: 100, costCode: "03" },
      { lineId: "b", amountCents: 200, costCode: "05" },
    ],
  };

  it("finds nothing when the document is as we sent it", () => {
    expect(compareDocument(ours, theirs, { a: "11", b: "12" }, { partOfLargerDocument: false })).toEqual([]);
  });

  it("names the vendor, the total, a line's amount and cost code, a removed and an added line", () => {
    const changed = {
      ...theirs,
      vendorId: "V2",
      totalCents: 450,
      lines: [
        { key: "12", amountCents: 250, costCode: "09" },
        { key: "13", amountCents: 200, costCode: null },
      ],
    };
    expect(compareDocument(ours, changed, { a: "11", b: "12" }, { partOfLargerDocument: false })).toEqual([
      { field: "Vendor", ours: "V1", theirs: "V2" },
      { field: "Total", ours: "$3.00", theirs: "$4.50" },
      { field: "Line 1", ours: "$1.00", theirs: "removed" },
      { field: "Line 2 amount", ours: "$2.00", theirs: "$2.50" },
      { field: "Line 2 cost code", ours: "05", theirs: "09" },
      { field: "Added line", ours: "—", theirs: "$2.00" },
    ]);
  });

  it("inside a larger document (an estimate) compares only our own keyed lines", () => {
    const estimate = {
      ...theirs,
      vendorId: null,
      totalCents: 99_999,
      lines: [...theirs.lines, { key: "99", amountCents: 5, costCode: null }],
    };
    expect(compareDocument(ours, estimate, { a: "11" }, { partOfLargerDocument: true })).toEqual([]);
    expect(compareDocument(ours, estimate, {}, { partOfLargerDocument: true })).toEqual([]);
  });

  it("an estimate entry gone is a line deleted in the system (the estimate is still there)", () => {
    const estimate = { ...theirs, lines: theirs.lines.filter((line) => line.key !== "11") };
    const options = { partOfLargerDocument: true, systemName: "Sage Intacct" };
    expect(compareDocument(ours, estimate, { a: "11", b: "12" }, options)).toEqual([
      { field: "Line 1", ours: "$1.00", theirs: "deleted in Sage Intacct" },
    ]);
  });
});
