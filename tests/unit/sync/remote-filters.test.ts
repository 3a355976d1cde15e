// The "Intacct state" filter and the badge read one list of the accounting system's words: a record the filter
// finds under a choice is one the badge names that way, whatever the case of the stored word.
import { describe, expect, it } from "vitest";
import { remoteFilterWhere } from "@/lib/sync/remote-filters";
import { describeRemoteStatus, REMOTE_STATE_WORDS, type RemoteStatusRecord } from "@/lib/sync/remote-status";

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

const wordsOf = (filter: unknown) => (filter as { in: string[]; mode: string }).in;

describe("the Intacct state filter and the badge", () => {
  it("the approved and declined choices match the document states the badge calls Approved and Declined", () => {
    const approved = remoteFilterWhere("approved");
    expect(wordsOf(approved.intacctState)).toEqual([...REMOTE_STATE_WORDS.approved]);
    for (const word of wordsOf(approved.intacctState)) {
      expect(describeRemoteStatus({ ...synced, intacctState: word }, "Intacct")?.label).toBe("Approved in Intacct");
      expect(describeRemoteStatus({ ...synced, intacctState: word.toUpperCase() }, "Intacct")?.label).toBe(
        "Approved in Intacct",
      );
    }
    const declined = remoteFilterWhere("declined");
    for (const word of wordsOf(declined.intacctState))
      expect(describeRemoteStatus({ ...synced, intacctState: word }, "Intacct")?.label).toBe("Declined in Intacct");
  });

  it("the paid and partially paid choices match the bill states the badge calls Paid and Partially paid", () => {
    const paid = remoteFilterWhere("paid");
    for (const word of wordsOf(paid.billState))
      expect(describeRemoteStatus({ ...synced, billState: word }, "Intacct")?.label).toBe("Paid");
    const partly = remoteFilterWhere("partially-paid");
    for (const word of wordsOf(partly.billState))
      expect(describeRemoteStatus({ ...synced, billState: word.toLowerCase() }, "Intacct")?.label).toBe(
        "Partially paid",
      );
    expect(wordsOf(paid.billState)).not.toEqual([]);
    expect(wordsOf(partly.billState)).not.toEqual([]);
  });
});
