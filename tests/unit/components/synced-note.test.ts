// The note above a synced item's read-back: locked and in agreement while the document is there; once the accounting
// system reports it deleted, it says so and what can be done, and no longer that the item is locked in agreement.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SyncedNote } from "@/components/sync/synced-note";
import type { SyncStatusView } from "@/lib/sync/types";

const status: SyncStatusView = {
  state: "SYNCED",
  intacctKey: "Purchase Order-SC-1001",
  intacctState: "Pending",
  syncedAt: new Date("2026-11-30T15:00:00Z"),
  lastError: "",
  lastErrorCode: "",
  documentLabel: "Purchase Order SC-1001",
  location: "Purchasing → Transactions → Order → Purchase Order",
};

const text = (props: { deleted: boolean; isAdmin: boolean }) =>
  renderToStaticMarkup(createElement(SyncedNote, { status, providerName: "Intacct", ...props }))
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();

describe("SyncedNote", () => {
  it("a document that is there: synced, where to find it, locked so both stay in agreement", () => {
    const note = text({ deleted: false, isAdmin: true });
    expect(note).toContain("Synced to Sage Intacct as Purchase Order SC-1001 (Pending)");
    expect(note).toContain("This item is locked so the app and Intacct stay in agreement");
  });

  it("a document deleted there: says so and offers admins Send again, without calling the item locked in agreement", () => {
    const note = text({ deleted: true, isAdmin: true });
    expect(note).toContain("that document has since been deleted in Intacct");
    expect(note).toContain("Send it again as a new document below");
    expect(note).not.toContain("locked");
    expect(note).not.toContain("Synced to");
  });

  it("a document deleted there, seen by someone who is not an admin: who can send it again", () => {
    const note = text({ deleted: true, isAdmin: false });
    expect(note).toContain("An admin can send it again as a new document");
    expect(note).not.toContain("below");
  });
});
