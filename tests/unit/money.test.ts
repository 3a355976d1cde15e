import { describe, expect, it } from "vitest";
import { centsToInput, formatCents, formatCentsCompact, parseMoneyToCents } from "@/lib/format/money";

describe("money", () => {
  it("parses dollars with separators and symbols into integer cents", () => {
    expect(parseMoneyToCents("1,234.56")).toBe(123_456);
    expect(parseMoneyToCents("$ 99")).toBe(9_900);
    expect(parseMoneyToCents("0.5")).toBe(50);
    expect(parseMoneyToCents("-12.30")).toBe(-1_230);
  });

  it("rejects text that is not an amount instead of guessing", () => {
    for (const bad of ["", "abc", "1.234", "1e5", "12..3", "--1", "1,00.0.0"])
      expect(parseMoneyToCents(bad)).toBeNull();
  });

  it("never goes through floating point: 0.1 + 0.2 style amounts stay exact", () => {
    expect(parseMoneyToCents("0.29")).toBe(29);
    expect(parseMoneyToCents("1000000000.07")).toBe(100_000_000_007);
  });

  it("formats cents as US dollars and round-trips form values", () => {
    expect(formatCents(123_456)).toBe("$1,234.56");
    expect(formatCents(BigInt(-5))).toBe("-$0.05");
    expect(centsToInput(-1_230)).toBe("-12.30");
    expect(parseMoneyToCents(centsToInput(987_654_321))).toBe(987_654_321);
  });
});

describe("compact money (the ACR's whole dollars)", () => {
  it("rounds to whole dollars, half away from zero, and never shows -$0", () => {
    expect(formatCentsCompact(125_000_000)).toBe("$1,250,000");
    expect(formatCentsCompact(149)).toBe("$1");
    expect(formatCentsCompact(150)).toBe("$2");
    expect(formatCentsCompact(-150)).toBe("-$2");
    expect(formatCentsCompact(-40)).toBe("$0");
    expect(formatCentsCompact(99_999_999_999)).toBe("$1,000,000,000");
  });
});
