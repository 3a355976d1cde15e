// Money is integer cents end to end; these are the only conversions to and from text.

const MONEY_PATTERN = /^(-)?(\d{1,13})(?:\.(\d{1,2}))?$/;

export function parseMoneyToCents(input: string): number | null {
  const cleaned = input.trim().replace(/[$,\s]/g, "");
  const match = MONEY_PATTERN.exec(cleaned);
  if (!match) return null;
  const [, sign, whole, fraction = ""] = match;
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  if (!Number.isSafeInteger(cents)) return null;
  return sign ? -cents : cents;
}

export function toCentsNumber(value: bigint | number): number {
  return typeof value === "bigint" ? Number(value) : value;
}

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

export function formatCents(value: bigint | number): string {
  return usd.format(toCentsNumber(value) / 100);
}

const wholeUsd = new Intl.NumberFormat("en-US", {
  style: "currency",
  currency: "USD",
  maximumFractionDigits: 0,
  minimumFractionDigits: 0,
});

/**
 * Whole dollars ("$1,250,000") for wide reports (the ACR), where eight money columns must fit a laptop screen; the
 * exact amount goes beside it (a title) and every stored amount stays in cents. Half a dollar rounds away from zero.
 */
export function formatCentsCompact(value: bigint | number): string {
  const cents = toCentsNumber(value);
  // Rounded in cents first so -0.40 shows as $0, not -$0.
  const dollars = Math.round(Math.abs(cents) / 100) * Math.sign(cents);
  return wholeUsd.format(dollars === 0 ? 0 : dollars);
}

// For form fields: "1234.5" style, no currency symbol or grouping, so it round-trips through parseMoneyToCents.
export function centsToInput(value: bigint | number): string {
  const cents = toCentsNumber(value);
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

export function formatBps(bps: number): string {
  return `${(bps / 100).toFixed(bps % 100 === 0 ? 0 : 2)}%`;
}

export function sumCents(lines: readonly { amountCents: bigint | number }[]): number {
  return lines.reduce((sum, line) => sum + toCentsNumber(line.amountCents), 0);
}
