import { describe, expect, it } from "vitest";
import { addCompany, createTables, listIndexedFields, warmIndexes, type MockState } from "./store";

function createState(vendors: string[]): MockState {
  const state: MockState = { senders: [], companies: new Map() };
  const tables = createTables();
  for (const id of vendors) tables.VENDOR.insert({ VENDORID: id, NAME: `Vendor ${id}` });
  addCompany(state, {
    companyId: "DEMO",
    webServicesEnabled: true,
    authorizedSenders: [],
    users: [],
    tables,
    completedControlIds: new Set(),
  });
  return state;
}

describe("mock store indexes", () => {
  it("a reset rebuilds the indexes lookups had used, before the next request, with the same answers", () => {
    const before = createState(["V1", "V2"]);
    expect(before.companies.get("demo")?.tables.VENDOR.findOne("VENDORID", "V2")?.NAME).toBe("Vendor V2");
    const used = listIndexedFields(before);
    expect(used.get("demo")?.get("VENDOR")).toEqual(["VENDORID"]);

    const after = createState(["V1", "V2", "V3"]);
    expect(after.companies.get("demo")?.tables.VENDOR.indexedFields()).toEqual([]);
    warmIndexes(after, used);
    const vendors = after.companies.get("demo")?.tables.VENDOR;
    expect(vendors?.indexedFields()).toEqual(["VENDORID"]);
    expect(vendors?.findOne("VENDORID", "V3")?.NAME).toBe("Vendor V3");
    // Still fresh after an insert (kept up to date, not rebuilt).
    vendors?.insert({ VENDORID: "V4", NAME: "Vendor V4" });
    expect(vendors?.findOne("VENDORID", "V4")?.NAME).toBe("Vendor V4");
  });
});
