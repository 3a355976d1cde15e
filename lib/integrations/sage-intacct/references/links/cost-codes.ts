// Cost codes: CostCode.intacctStandardTaskId, a code of Intacct's standard cost code catalog (STANDARDTASK).
import "server-only";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import { ZId } from "@/lib/validation/fields";
import { type MatchReason, suggestCostCodeMatches } from "../matching";
import { findReference, findReferences, listActiveForMatching, type ReferenceView } from "../search";
import {
  acceptSuggestions,
  type ZAcceptSuggestionsInput,
  type AcceptSummary,
  requireLinkable,
  ZOptionalIntacctId,
} from "./shared";

export const ZCostCodeLinkInput = z.object({ costCodeId: ZId, intacctStandardTaskId: ZOptionalIntacctId });

export type CostCodeSuggestion = { costCodeId: string; externalId: string; name: string; reason: MatchReason };

/** Suggestions from the standard cost code catalog (STANDARDTASK, §8) for every unlinked cost code. */
async function suggestCostCodeLinks(db: Db, user: SessionUser): Promise<CostCodeSuggestion[]> {
  const codes = await db.costCode.findMany({
    where: { companyId: user.companyId, intacctStandardTaskId: null },
    select: { id: true, code: true, name: true },
  });
  if (codes.length === 0) return [];
  const catalog = await listActiveForMatching(db, user.companyId, "STANDARD_TASK");
  const names = new Map(catalog.map((c) => [c.externalId, c.name]));
  // Unlike vendors, several of our codes may map to one Intacct code on purpose; but a suggestion stays one-to-one,
  // so a bulk accept never merges codes silently.
  return suggestCostCodeMatches(codes, catalog).map((s) => ({
    costCodeId: s.localId,
    externalId: s.externalId,
    name: names.get(s.externalId) ?? "",
    reason: s.reason,
  }));
}

export async function listCostCodeLinks(
  db: Db,
  user: SessionUser,
  options: { query?: string; skip?: number; take?: number } = {},
) {
  const q = options.query?.trim();
  const where = {
    companyId: user.companyId,
    ...(q
      ? {
          OR: [
            { code: { contains: q, mode: "insensitive" as const } },
            { name: { contains: q, mode: "insensitive" as const } },
          ],
        }
      : {}),
  };
  const [rows, total, suggestions, unlinkedCount, catalogSize] = await Promise.all([
    db.costCode.findMany({
      where,
      orderBy: { code: "asc" },
      skip: options.skip,
      take: options.take,
      select: { id: true, code: true, name: true, intacctStandardTaskId: true },
    }),
    db.costCode.count({ where }),
    suggestCostCodeLinks(db, user),
    db.costCode.count({ where: { companyId: user.companyId, intacctStandardTaskId: null } }),
    db.intacctReference.count({ where: { companyId: user.companyId, type: "STANDARD_TASK" } }),
  ]);
  const linked = await findReferences(
    db,
    user.companyId,
    "STANDARD_TASK",
    rows.map((r) => r.intacctStandardTaskId ?? ""),
  );
  const byCode = new Map(suggestions.map((s) => [s.costCodeId, s]));
  return {
    total,
    catalogSize,
    suggestionCount: suggestions.length,
    // Unlinked and nothing to suggest: these lines will sync without a cost code until someone links them.
    withoutAccountingCode: unlinkedCount - suggestions.length,
    rows: rows.map((r) => ({
      ...r,
      standardTask: r.intacctStandardTaskId ? (linked.get(r.intacctStandardTaskId) ?? null) : null,
      suggestion: byCode.get(r.id) ?? null,
    })),
  };
}

export type CostCodeLinkView = {
  costCodeId: string;
  code: string;
  name: string;
  standardTask: ReferenceView | null;
  intacctStandardTaskId: string | null;
  suggestion: CostCodeSuggestion | null;
};

export async function getCostCodeLink(db: Db, user: SessionUser, costCodeId: string): Promise<CostCodeLinkView> {
  const code = await db.costCode.findFirst({
    where: { id: costCodeId, companyId: user.companyId },
    select: { id: true, code: true, name: true, intacctStandardTaskId: true },
  });
  if (!code) throw notFound("That cost code");
  const standardTask = code.intacctStandardTaskId
    ? await findReference(db, user.companyId, "STANDARD_TASK", code.intacctStandardTaskId)
    : null;
  const suggestion = code.intacctStandardTaskId
    ? null
    : ((await suggestCostCodeLinks(db, user)).find((s) => s.costCodeId === code.id) ?? null);
  return {
    costCodeId: code.id,
    code: code.code,
    name: code.name,
    standardTask,
    intacctStandardTaskId: code.intacctStandardTaskId,
    suggestion,
  };
}

export async function linkCostCode(
  db: Db,
  user: SessionUser,
  input: z.output<typeof ZCostCodeLinkInput>,
): Promise<{ standardTask: ReferenceView | null }> {
  const code = await db.costCode.findFirst({
    where: { id: input.costCodeId, companyId: user.companyId },
    select: { id: true, intacctStandardTaskId: true },
  });
  if (!code) throw notFound("That cost code");
  const standardTask = input.intacctStandardTaskId
    ? await requireLinkable(
        db,
        user.companyId,
        "STANDARD_TASK",
        input.intacctStandardTaskId,
        code.intacctStandardTaskId,
        "intacctStandardTaskId",
      )
    : null;
  await db.costCode.updateMany({
    where: { id: code.id, companyId: user.companyId },
    data: { intacctStandardTaskId: standardTask?.externalId ?? null },
  });
  return { standardTask };
}

export async function acceptCostCodeSuggestions(
  db: Db,
  user: SessionUser,
  input: z.output<typeof ZAcceptSuggestionsInput>,
): Promise<AcceptSummary> {
  const suggestions = (await suggestCostCodeLinks(db, user)).map((s) => ({ ...s, localId: s.costCodeId }));
  return acceptSuggestions(db, input, suggestions, {
    link: async (tx, s) =>
      (
        await tx.costCode.updateMany({
          where: { id: s.localId, companyId: user.companyId, intacctStandardTaskId: null },
          data: { intacctStandardTaskId: s.externalId },
        })
      ).count,
    countUnlinked: () => db.costCode.count({ where: { companyId: user.companyId, intacctStandardTaskId: null } }),
  });
}
