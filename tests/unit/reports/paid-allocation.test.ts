import { describe, expect, it } from "vitest";
import { allocatePaidProRata } from "@/lib/reports/paid-allocation";

describe("allocatePaidProRata", () => {
  it("splits a payment in proportion to the line amounts", () => {
    // Half of a $275,000.00 invoice of $200,000.00 + $75,000.00.
    expect(allocatePaidProRata(13_750_000, [20_000_000, 7_500_000])).toEqual([10_000_000, 3_750_000]);
  });

  it("gives the rounding remainder to the last line, so the parts add up to the payment exactly", () => {
    expect(allocatePaidProRata(100, [1, 1, 1])).toEqual([33, 33, 34]);
    const parts = allocatePaidProRata(1_000_001, [333, 333, 334, 7]);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(1_000_001);
    expect(parts.at(-1)).toBeGreaterThanOrEqual(0);
  });

  it("pays everything to the one line of a one-line invoice, and nothing when nothing is paid", () => {
    expect(allocatePaidProRata(4_200, [9_900])).toEqual([4_200]);
    expect(allocatePaidProRata(0, [500, 700])).toEqual([0, 0]);
  });

  it("stays exact at the largest amounts the app accepts (beyond a double's exact integers when multiplied)", () => {
    const max = 99_999_999_999;
    const parts = allocatePaidProRata(max, [max, max]);
    expect(parts).toEqual([49_999_999_999, 50_000_000_000]);
  });

  it("puts the whole payment on the last line when the lines weigh nothing", () => {
    expect(allocatePaidProRata(500, [0, 0])).toEqual([0, 500]);
    expect(allocatePaidProRata(500, [])).toEqual([]);
  });
});
