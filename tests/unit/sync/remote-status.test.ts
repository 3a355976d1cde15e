import { describe, expect, it } from "vitest";
import { describeRemoteStatus, readDriftDetails, type RemoteStatusRecord } from "@/lib/sync/remote-status";

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
