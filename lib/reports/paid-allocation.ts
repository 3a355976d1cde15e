// How much of a bill's payment lands on each of its lines. Intacct pays a bill as a whole (APPYMT against the
// APBILL, not per line), so the ACR's Paid column spreads an invoice's paid amount across the invoice's lines pro rata
// by line amount (docs/decisions/0003-acr-paid-pro-rata.md). Pure: no database.

/**
 * `paidCents` split over `lineCents` in proportion, in whole cents: each line but the last gets the floor of its
 * share, the last gets what remains, so the parts always add up to exactly `paidCents`. The products are computed in
 * BigInt: 999,999,999.99 × 999,999,999.99 in cents is beyond a double's exact integers.
 */
export function allocatePaidProRata(paidCents: number, lineCents: readonly number[]): number[] {
  if (lineCents.length === 0) return [];
  const total = lineCents.reduce((sum, c) => sum + c, 0);
  // Nothing to weigh by (all lines zero, or credits cancelling out): the whole payment goes to the last line, the
  // same place the remainder goes.
  if (total <= 0) return lineCents.map((_, i) => (i === lineCents.length - 1 ? paidCents : 0));
  const parts = lineCents.map((cents, i) => {
    if (i === lineCents.length - 1) return 0;
    const share = (BigInt(paidCents) * BigInt(Math.max(0, cents))) / BigInt(total);
    return Number(share);
  });
  const allocated = parts.reduce((sum, c) => sum + c, 0);
  parts[parts.length - 1] = paidCents - allocated;
  return parts;
}
