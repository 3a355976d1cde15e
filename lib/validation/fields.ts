// The zod field schemas every form input is built from (zod 4), shared by the server actions and the services.
// Text fields are trimmed, bounded and free of control characters; money arrives as text and is parsed to integer
// cents. House rule: a zod schema's name starts with Z (ZBudgetInput), its inferred type has the plain name
// (BudgetInput).
import { z } from "zod";
import { parseMoneyToCents } from "@/lib/format/money";

const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export const ZText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Must be ${max} characters or fewer`)
    .refine((value) => !CONTROL_CHARS.test(value), "Contains characters that are not allowed");

export const ZRequiredText = (max: number, label = "This field") =>
  ZText(max).pipe(z.string().min(1, `${label} is required`));

export const ZId = z.uuid("Choose a valid record");
// The same, for the pickers of a form: an empty choice reads "Choose a cost code", not "a valid record".
export const ZChoice = (what: string) => z.uuid(`Choose ${what}`);

// Up to $999,999,999.99 per amount. Totals are summed as JavaScript numbers of cents, which are exact only below
// 2^53: at this cap even an item of 500 lines (5 × 10^13 cents) stays two orders of magnitude inside that.
export const MAX_AMOUNT_CENTS = 999_999_999_99;

export const ZMoney = z
  .string()
  .trim()
  .min(1, "Enter an amount")
  .transform((value, ctx) => {
    const cents = parseMoneyToCents(value);
    if (cents === null) {
      ctx.addIssue({ code: "custom", message: "Enter an amount like 1250.00" });
      return z.NEVER;
    }
    if (Math.abs(cents) > MAX_AMOUNT_CENTS) {
      ctx.addIssue({
        code: "custom",
        message:
          cents < 0 ? "Enter an amount of at least -999,999,999.99" : "Enter an amount of at most 999,999,999.99",
      });
      return z.NEVER;
    }
    return cents;
  });

export const ZPositiveMoney = ZMoney.refine((cents) => cents > 0, "Amount must be greater than zero");

// A calendar day within years PostgreSQL and Intacct both take: "0000-01-01" is valid ISO but not a date
// PostgreSQL stores (no year 0), and a typo like "20266-…" never reaches either.
const ZIsoDay = z.iso
  .date("Enter a date (YYYY-MM-DD)")
  .refine((value) => value >= "1900-01-01" && value <= "2999-12-31", "Enter a date between 1900-01-01 and 2999-12-31");

export const ZDate = ZIsoDay.transform((value) => new Date(`${value}T00:00:00.000Z`));

export const ZOptionalDate = z
  .union([z.literal(""), ZIsoDay])
  .transform((value) => (value === "" ? null : new Date(`${value}T00:00:00.000Z`)));

// Retainage as a percent with up to two decimals, stored as basis points.
export const ZPercentBps = z
  .string()
  .trim()
  .transform((value, ctx) => {
    if (value === "") return 0;
    if (!/^\d{1,3}(\.\d{1,2})?$/.test(value) || Number(value) > 100) {
      ctx.addIssue({ code: "custom", message: "Enter a percent between 0 and 100" });
      return z.NEVER;
    }
    return Math.round(Number(value) * 100);
  });

export const ZLines = <T extends z.ZodType>(line: T) =>
  z.array(line).min(1, "Add at least one line").max(500, "At most 500 lines");
