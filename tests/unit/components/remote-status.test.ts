// The read-back as an item page and a list show it: the badge words and tone, the card's last-check line, and the
// field-by-field differences of a document changed in the accounting system.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { RemoteStatusBadge, RemoteStatusCard, RemoteStatusText } from "@/components/sync/remote-status";
import { describeRemoteStatus, type RemoteStatusRecord } from "@/lib/sync/remote-status";

const synced: RemoteStatusRecord = {
  state: "SYNCED",
  intacctState: "Approved",
  billState: "",
  billTotalCents: null,
  paidCents: null,
  paidAt: null,
  drift: "",
  driftDetails: [],
};

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();

describe("remote status display", () => {
  it("shows the payment in the badge and the list cell", () => {
    const status = describeRemoteStatus(
      { ...synced, billState: "Partially Paid", billTotalCents: 27_500_000n, paidCents: 10_000_000n },
      "Intacct",
    );
    expect(text(renderToStaticMarkup(createElement(RemoteStatusBadge, { status })))).toBe(
      "Partially paid $100,000.00 of $275,000.00",
    );
    expect(text(renderToStaticMarkup(createElement(RemoteStatusText, { status })))).toBe(
      "Partially paid $100,000.00 of $275,000.00",
    );
  });

  it("renders nothing in the header, and a dash in a list, before anything was read back", () => {
    expect(renderToStaticMarkup(createElement(RemoteStatusBadge, { status: null }))).toBe("");
    expect(text(renderToStaticMarkup(createElement(RemoteStatusText, { status: null })))).toBe("—");
  });

  it("lists a changed document's differences field by field, with the time of the last check", () => {
    const status = describeRemoteStatus(
      {
        ...synced,
        drift: "CHANGED",
        driftDetails: [{ field: "Line 1 amount", ours: "$610,000.00", theirs: "$650,000.00" }, { bogus: true }],
      },
      "Intacct",
    );
    const html = renderToStaticMarkup(
      createElement(RemoteStatusCard, {
        providerName: "Intacct",
        status,
        checkedAt: new Date("2026-12-01T15:04:00Z"),
      }),
    );
    expect(text(html)).toContain("Changed in Intacct · Approved in Intacct");
    expect(text(html)).toContain("Last checked: Dec 1, 2026, 3:04 PM UTC");
    expect(text(html)).toContain("Field In the app In Intacct");
    expect(text(html)).toContain("Line 1 amount $610,000.00 $650,000.00");
    // The malformed stored difference is left out, not shown as blanks.
    expect(html.match(/<tr>/g)).toHaveLength(2);
  });

  it("says when it was never checked", () => {
    const html = renderToStaticMarkup(
      createElement(RemoteStatusCard, { providerName: "Intacct", status: null, checkedAt: null }),
    );
    expect(text(html)).toContain("Not checked in Intacct yet.");
    expect(text(html)).toContain("Last checked: never");
  });
});
