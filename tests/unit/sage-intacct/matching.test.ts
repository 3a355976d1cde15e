import { describe, expect, it } from "vitest";
import {
  normalizeCode,
  normalizeCompanyName,
  normalizeTaxId,
  suggestCostCodeMatches,
  suggestVendorMatches,
} from "@/lib/integrations/sage-intacct/references/matching";

describe("normalizeCompanyName", () => {
  it.each([
    ["Apex Concrete Inc.", "Apex Concrete, Inc"],
    ["METRO FLOORING INC.", "Metro Flooring Inc"],
    ["Summit Electrical Contractors LLC", "Summit Electrical Contractors"],
    ["Front Range Plumbing & Heating", "Front Range Plumbing and Heating"],
    ["Granite Earthworks, Inc.", "Granite Earthworks Inc."],
    ["Rocky Mountain Drywall Co.", "Rocky Mountain Drywall"],
    ["Keystone Elevator Corp", "Keystone Elevator Corporation"],
    ["The Precast Group, L.L.C.", "Precast Group"],
    ["Café Builders Ltd", "Cafe Builders"],
  ])("treats %s and %s as the same company", (a, b) => {
    expect(normalizeCompanyName(a)).toBe(normalizeCompanyName(b));
  });

  it("strips suffixes only at the end, and never the last word", () => {
    expect(normalizeCompanyName("Co-Op Supply")).toBe("coopsupply");
    expect(normalizeCompanyName("Inc Partners Inc")).toBe("incpartners");
    expect(normalizeCompanyName("Company")).toBe("company");
  });

  it("keeps names that differ in a real word apart", () => {
    expect(normalizeCompanyName("Apex Concrete")).not.toBe(normalizeCompanyName("Apex Concrete Pumping"));
  });
});

describe("normalizeTaxId / normalizeCode", () => {
  it("compares tax IDs by digits and ignores fragments", () => {
    expect(normalizeTaxId("84-1234501")).toBe(normalizeTaxId("841234501"));
    expect(normalizeTaxId("1234")).toBe("");
    expect(normalizeTaxId(undefined)).toBe("");
  });
  it("compares codes without separators", () => {
    expect(normalizeCode("03-3000")).toBe(normalizeCode("03 3000"));
    expect(normalizeCode("03.3000")).toBe("033000");
  });
});

describe("suggestVendorMatches", () => {
  it("suggests on a normalized name", () => {
    expect(
      suggestVendorMatches(
        [{ id: "a", name: "Apex Concrete Inc." }],
        [
          { externalId: "V-1", name: "Apex Concrete, Inc" },
          { externalId: "V-2", name: "Apex Steel" },
        ],
      ),
    ).toEqual([{ localId: "a", externalId: "V-1", reason: "name" }]);
  });

  it("suggests on an equal tax ID even when the names differ", () => {
    expect(
      suggestVendorMatches(
        [{ id: "a", name: "Apex", taxId: "84-1234501" }],
        [{ externalId: "V-9", name: "Apex Holdings Group", taxId: "841234501" }],
      ),
    ).toEqual([{ localId: "a", externalId: "V-9", reason: "tax-id" }]);
  });

  it("does not suggest when both tax IDs exist and differ, even with equal names", () => {
    expect(
      suggestVendorMatches(
        [{ id: "a", name: "Apex Concrete Inc.", taxId: "84-1111111" }],
        [{ externalId: "V-1", name: "Apex Concrete Inc.", taxId: "84-2222222" }],
      ),
    ).toEqual([]);
  });

  it("suggests nothing on a tie between two Intacct vendors", () => {
    expect(
      suggestVendorMatches(
        [{ id: "a", name: "Timberline Framing" }],
        [
          { externalId: "V-1", name: "Timberline Framing LLC" },
          { externalId: "V-2", name: "TIMBERLINE FRAMING, INC." },
        ],
      ),
    ).toEqual([]);
  });

  it("uses the name to break a tie between vendors sharing a tax ID", () => {
    const remotes = [
      { externalId: "V-1", name: "Apex Concrete North", taxId: "84-1234501" },
      { externalId: "V-2", name: "Apex Concrete South", taxId: "84-1234501" },
    ];
    expect(suggestVendorMatches([{ id: "a", name: "Apex Concrete South Inc", taxId: "84-1234501" }], remotes)).toEqual([
      { localId: "a", externalId: "V-2", reason: "tax-id" },
    ]);
    expect(suggestVendorMatches([{ id: "a", name: "Apex Concrete", taxId: "84-1234501" }], remotes)).toEqual([]);
  });

  it("suggests nothing when two of our companies would get the same vendor", () => {
    expect(
      suggestVendorMatches(
        [
          { id: "a", name: "Pinnacle Roofing" },
          { id: "b", name: "Pinnacle Roofing LLC" },
        ],
        [{ externalId: "V-7", name: "Pinnacle Roofing Inc" }],
      ),
    ).toEqual([]);
  });

  it("never matches short names on name alone", () => {
    expect(suggestVendorMatches([{ id: "a", name: "ABC Inc." }], [{ externalId: "V-1", name: "ABC" }])).toEqual([]);
    expect(suggestVendorMatches([{ id: "a", name: "J&K" }], [{ externalId: "V-1", name: "J & K LLC" }])).toEqual([]);
    expect(suggestVendorMatches([{ id: "a", name: "Co." }], [{ externalId: "V-1", name: "Co" }])).toEqual([]);
  });

  it("never matches on a prefix or a contained name", () => {
    expect(
      suggestVendorMatches(
        [{ id: "a", name: "ABC Supply" }],
        [
          { externalId: "V-1", name: "ABC Supply Denver" },
          { externalId: "V-2", name: "ABC" },
        ],
      ),
    ).toEqual([]);
  });

  it("but a short name still links on its tax ID", () => {
    expect(
      suggestVendorMatches(
        [{ id: "a", name: "ABC", taxId: "84-1234525" }],
        [{ externalId: "V-25", name: "ABC Co", taxId: "84-1234525" }],
      ),
    ).toEqual([{ localId: "a", externalId: "V-25", reason: "tax-id" }]);
  });
});

describe("suggestCostCodeMatches", () => {
  const catalog = [
    { externalId: "03-3000", name: "Cast-In-Place Concrete" },
    { externalId: "07-1000", name: "Dampproofing & Waterproofing" },
    { externalId: "DW-01", name: "Drywall Partitions" },
  ];

  it("suggests by code, whatever the name", () => {
    expect(suggestCostCodeMatches([{ id: "c", code: "03-3000", name: "Cast-in-Place Concrete" }], catalog)).toEqual([
      { localId: "c", externalId: "03-3000", reason: "code" },
    ]);
    expect(suggestCostCodeMatches([{ id: "c", code: "07 1000", name: "Waterproofing" }], catalog)).toEqual([
      { localId: "c", externalId: "07-1000", reason: "code" },
    ]);
  });

  it("falls back to an equal name", () => {
    expect(suggestCostCodeMatches([{ id: "c", code: "09-2900", name: "Drywall partitions" }], catalog)).toEqual([
      { localId: "c", externalId: "DW-01", reason: "name" },
    ]);
  });

  it("suggests nothing for codes absent from Intacct, ties, or short names", () => {
    expect(suggestCostCodeMatches([{ id: "c", code: "32-9000", name: "Planting" }], catalog)).toEqual([]);
    expect(
      suggestCostCodeMatches([{ id: "c", code: "99", name: "Misc" }], [{ externalId: "M1", name: "Misc" }]),
    ).toEqual([]);
    expect(
      suggestCostCodeMatches(
        [{ id: "c", code: "09-9100", name: "Painting" }],
        [
          { externalId: "P1", name: "Painting" },
          { externalId: "P2", name: "painting" },
        ],
      ),
    ).toEqual([]);
  });
});
