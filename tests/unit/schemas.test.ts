import { describe, expect, it } from "vitest";
import { BudgetInput } from "@/lib/financials/budgets";
import { ContractInput } from "@/lib/financials/contracts";
import { MAX_AMOUNT_CENTS, zDate, zMoney, zOptionalDate, zPercentBps, zText } from "@/lib/financials/schemas";

const id = "6f1d2a4e-8c3b-4a59-9e7d-1b2c3d4e5f60";

describe("input validation", () => {
  it("trims text and refuses control characters", () => {
    expect(zText(10).parse("  hi  ")).toBe("hi");
    expect(zText(10).safeParse("a\u0000b").success).toBe(false);
    expect(zText(3).safeParse("abcd").success).toBe(false);
  });

  it("takes calendar days from 1900 to 2999: year 0000 is ISO but PostgreSQL has no year 0", () => {
    expect(zDate.parse("2026-03-01")).toEqual(new Date("2026-03-01T00:00:00.000Z"));
    expect(zOptionalDate.parse("")).toBeNull();
    for (const day of ["0000-01-01", "1899-12-31", "3000-01-01"]) {
      expect(zDate.safeParse(day).error?.issues[0]?.message).toBe("Enter a date between 1900-01-01 and 2999-12-31");
      expect(zOptionalDate.safeParse(day).success).toBe(false);
    }
    expect(zDate.safeParse("2026-02-30").error?.issues[0]?.message).toBe("Enter a date (YYYY-MM-DD)");
  });

  it("reads retainage percents as basis points and bounds them", () => {
    expect(zPercentBps.parse("10")).toBe(1000);
    expect(zPercentBps.parse("7.25")).toBe(725);
    expect(zPercentBps.parse("")).toBe(0);
    expect(zPercentBps.safeParse("101").success).toBe(false);
    expect(zPercentBps.safeParse("ten").success).toBe(false);
  });

  it("caps amounts at 999,999,999.99, so an item's total stays an exact number of cents", () => {
    expect(zMoney.parse("999,999,999.99")).toBe(MAX_AMOUNT_CENTS);
    expect(zMoney.parse("-999999999.99")).toBe(-MAX_AMOUNT_CENTS);
    const tooBig = zMoney.safeParse("1,000,000,000.00");
    expect(tooBig.success).toBe(false);
    expect(tooBig.error?.issues[0]?.message).toBe("Enter an amount of at most 999,999,999.99");
    expect(zMoney.safeParse("-1,000,000,000").error?.issues[0]?.message).toBe(
      "Enter an amount of at least -999,999,999.99",
    );
    // 500 lines at the cap: two orders of magnitude inside Number.MAX_SAFE_INTEGER.
    expect(500 * MAX_AMOUNT_CENTS).toBeLessThan(Number.MAX_SAFE_INTEGER / 100);
  });

  it("requires at least one budget line with a parseable amount", () => {
    expect(BudgetInput.safeParse({ projectId: id, title: "B", lines: [] }).success).toBe(false);
    const bad = BudgetInput.safeParse({
      projectId: id,
      title: "B",
      lines: [{ costCodeId: id, description: "", amount: "12,x" }],
    });
    expect(bad.success).toBe(false);
    const good = BudgetInput.parse({
      projectId: id,
      title: "B",
      lines: [{ costCodeId: id, description: "", amount: "1,000.10" }],
    });
    expect(good.lines[0]?.amount).toBe(100_010);
  });

  it("refuses a contract that ends before it starts", () => {
    const result = ContractInput.safeParse({
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
