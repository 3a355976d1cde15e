import { describe, expect, it } from "vitest";
import { ZBudgetInput } from "@/lib/financials/budgets";
import { ZContractInput } from "@/lib/financials/contracts";
import { MAX_AMOUNT_CENTS, ZDate, ZMoney, ZOptionalDate, ZPercentBps, ZText } from "@/lib/validation/fields";

const id = "6f1d2a4e-8c3b-4a59-9e7d-1b2c3d4e5f60";

describe("input validation", () => {
  it("trims text and refuses control characters", () => {
    expect(ZText(10).parse("  hi  ")).toBe("hi");
    expect(ZText(10).safeParse("a\u0000b").success).toBe(false);
    expect(ZText(3).safeParse("abcd").success).toBe(false);
  });

  it("takes calendar days from 1900 to 2999: year 0000 is ISO but PostgreSQL has no year 0", () => {
    expect(ZDate.parse("2026-03-01")).toEqual(new Date("2026-03-01T00:00:00.000Z"));
    expect(ZOptionalDate.parse("")).toBeNull();
    for (const day of ["0000-01-01", "1899-12-31", "3000-01-01"]) {
      expect(ZDate.safeParse(day).error?.issues[0]?.message).toBe("Enter a date between 1900-01-01 and 2999-12-31");
      expect(ZOptionalDate.safeParse(day).success).toBe(false);
    }
    expect(ZDate.safeParse("2026-02-30").error?.issues[0]?.message).toBe("Enter a date (YYYY-MM-DD)");
  });

  it("reads retainage percents as basis points and bounds them", () => {
    expect(ZPercentBps.parse("10")).toBe(1000);
    expect(ZPercentBps.parse("7.25")).toBe(725);
    expect(ZPercentBps.parse("")).toBe(0);
    expect(ZPercentBps.safeParse("101").success).toBe(false);
    expect(ZPercentBps.safeParse("ten").success).toBe(false);
  });

  it("caps amounts at 999,999,999.99, so an item's total stays an exact number of cents", () => {
    expect(ZMoney.parse("999,999,999.99")).toBe(MAX_AMOUNT_CENTS);
    expect(ZMoney.parse("-999999999.99")).toBe(-MAX_AMOUNT_CENTS);
    const tooBig = ZMoney.safeParse("1,000,000,000.00");
    expect(tooBig.success).toBe(false);
    expect(tooBig.error?.issues[0]?.message).toBe("Enter an amount of at most 999,999,999.99");
    expect(ZMoney.safeParse("-1,000,000,000").error?.issues[0]?.message).toBe(
      "Enter an amount of at least -999,999,999.99",
    );
    // 500 lines at the cap: two orders of magnitude inside Number.MAX_SAFE_INTEGER.
    expect(500 * MAX_AMOUNT_CENTS).toBeLessThan(Number.MAX_SAFE_INTEGER / 100);
  });

  it("requires at least one budget line with a parseable amount", () => {
    expect(ZBudgetInput.safeParse({ projectId: id, title: "B", lines: [] }).success).toBe(false);
    const bad = ZBudgetInput.safeParse({
      projectId: id,
      title: "B",
      lines: [{ costCodeId: id, description: "", amount: "12,x" }],
    });
    expect(bad.success).toBe(false);
    const good = ZBudgetInput.parse({
      projectId: id,
      title: "B",
      lines: [{ costCodeId: id, description: "", amount: "1,000.10" }],
    });
    expect(good.lines[0]?.amount).toBe(100_010);
  });

  it("refuses a contract that ends before it starts", () => {
    const result = ZContractInput.safeParse({
      projectId: id,
      accountingCompanyId: id,
      number: "SC-1",
      title: "T",
      description: "",
      startDate: "2026-05-01",
      endDate: "2026-04-01",
      retainagePercent: "10",
      lines: [{ costCodeId: id, description: "d", amount: "10" }],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["endDate"]);
  });
});
