// Vendors: AccountingCompany.intacctVendorId, with suggestions by name or tax id.
import "server-only";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import { ZId } from "@/lib/validation/fields";
import { type MatchReason, suggestVendorMatches } from "../matching";
import { findReferences, listActiveForMatching, type ReferenceView } from "../search";
import {
  acceptSuggestions,
  type ZAcceptSuggestionsInput,
  type AcceptSummary,
  requireLinkable,
  ZIntacctId,
} from "./shared";

export const ZVendorLinkInput = z.object({
  accountingCompanyId: ZId,
  intacctVendorId: ZIntacctId,
  /** Set after the user confirmed linking a vendor that is already linked to another of our companies. */
  confirmDuplicate: z.boolean().default(false),
});

export type VendorLinkOutcome =
  | { status: "linked"; vendor: ReferenceView }
  | { status: "needs-confirmation"; linkedTo: string[]; vendor: ReferenceView };

export type VendorSuggestion = { accountingCompanyId: string; externalId: string; name: string; reason: MatchReason };

/**
 * Suggestions for every unlinked accounting company of the user's company. Candidates: active vendors not linked to
 * any of our companies yet (suggesting one twice would start a duplicate).
 */
export async function suggestVendorLinks(db: Db, user: SessionUser): Promise<VendorSuggestion[]> {
  const ours = await db.accountingCompany.findMany({
    where: { companyId: user.companyId },
    select: { id: true, name: true, taxId: true, intacctVendorId: true },
  });
  const unlinked = ours.filter((c) => !c.intacctVendorId);
  if (unlinked.length === 0) return [];
  const taken = new Set(ours.map((c) => c.intacctVendorId).filter(Boolean));
  const vendors = (await listActiveForMatching(db, user.companyId, "VENDOR")).filter((v) => !taken.has(v.externalId));
  const names = new Map(vendors.map((v) => [v.externalId, v.name]));
  return suggestVendorMatches(unlinked, vendors).map((s) => ({
    accountingCompanyId: s.localId,
    externalId: s.externalId,
    name: names.get(s.externalId) ?? "",
    reason: s.reason,
  }));
}

export async function listVendorLinks(
  db: Db,
  user: SessionUser,
  options: { query?: string; skip?: number; take?: number } = {},
) {
  const q = options.query?.trim();
  const where = { companyId: user.companyId, ...(q ? { name: { contains: q, mode: "insensitive" as const } } : {}) };
  const [rows, total, suggestions] = await Promise.all([
    db.accountingCompany.findMany({
      where,
      orderBy: { name: "asc" },
      skip: options.skip,
      take: options.take,
      select: { id: true, name: true, taxId: true, city: true, state: true, intacctVendorId: true },
    }),
    db.accountingCompany.count({ where }),
    suggestVendorLinks(db, user),
  ]);
  const linkedIds = rows.map((r) => r.intacctVendorId).filter((v): v is string => Boolean(v));
  const [vendors, shared] = await Promise.all([
    findReferences(db, user.companyId, "VENDOR", linkedIds),
    linkedIds.length
      ? db.accountingCompany.groupBy({
          by: ["intacctVendorId"],
          where: { companyId: user.companyId, intacctVendorId: { in: linkedIds } },
          _count: { _all: true },
        })
      : Promise.resolve([]),
  ]);
  const sharedIds = new Set(shared.filter((g) => g._count._all > 1).map((g) => g.intacctVendorId));
  const byCompany = new Map(suggestions.map((s) => [s.accountingCompanyId, s]));
  return {
    total,
    suggestionCount: suggestions.length,
    rows: rows.map((r) => ({
      ...r,
      vendor: r.intacctVendorId ? (vendors.get(r.intacctVendorId) ?? null) : null,
      sharedWithAnother: r.intacctVendorId ? sharedIds.has(r.intacctVendorId) : false,
      suggestion: byCompany.get(r.id) ?? null,
    })),
  };
}

export async function linkVendor(
  db: Db,
  user: SessionUser,
  input: z.output<typeof ZVendorLinkInput>,
): Promise<VendorLinkOutcome> {
  const company = await db.accountingCompany.findFirst({
    where: { id: input.accountingCompanyId, companyId: user.companyId },
    select: { id: true, intacctVendorId: true },
  });
  if (!company) throw notFound("That accounting company");
  const vendor = await requireLinkable(
    db,
    user.companyId,
    "VENDOR",
    input.intacctVendorId,
    company.intacctVendorId,
    "intacctVendorId",
  );
  const others = await db.accountingCompany.findMany({
    where: { companyId: user.companyId, intacctVendorId: vendor.externalId, id: { not: company.id } },
    select: { name: true },
    orderBy: { name: "asc" },
  });
  if (others.length > 0 && !input.confirmDuplicate)
    return { status: "needs-confirmation", linkedTo: others.map((o) => o.name), vendor };
  await db.accountingCompany.updateMany({
    where: { id: company.id, companyId: user.companyId },
    data: { intacctVendorId: vendor.externalId },
  });
  return { status: "linked", vendor };
}

export const ZUnlinkVendorInput = z.object({ accountingCompanyId: ZId });

export async function unlinkVendor(
  db: Db,
  user: SessionUser,
  input: z.output<typeof ZUnlinkVendorInput>,
): Promise<void> {
  const { count } = await db.accountingCompany.updateMany({
    where: { id: input.accountingCompanyId, companyId: user.companyId },
    data: { intacctVendorId: null },
  });
  if (count === 0) throw notFound("That accounting company");
}

export async function acceptVendorSuggestions(
  db: Db,
  user: SessionUser,
  input: z.output<typeof ZAcceptSuggestionsInput>,
): Promise<AcceptSummary> {
  const suggestions = (await suggestVendorLinks(db, user)).map((s) => ({ ...s, localId: s.accountingCompanyId }));
  return acceptSuggestions(db, input, suggestions, {
    link: async (tx, s) =>
      (
        await tx.accountingCompany.updateMany({
          where: { id: s.localId, companyId: user.companyId, intacctVendorId: null },
          data: { intacctVendorId: s.externalId },
        })
      ).count,
    countUnlinked: () => db.accountingCompany.count({ where: { companyId: user.companyId, intacctVendorId: null } }),
  });
}
