// Linking our records to Intacct's: vendors (AccountingCompany.intacctVendorId), projects (project, entity, GL
// account) and cost codes (CostCode.intacctStandardTaskId). Every id written must be in the company's reference
// cache, so a typo or a stale form cannot store a link the sync would fail on.
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors/app-error";
import { ZId as zId, ZText as zText } from "@/lib/validation/fields";
import type { ReferenceType } from "@/lib/generated/prisma/enums";
import { type MatchReason, suggestCostCodeMatches, suggestVendorMatches } from "./matching";
import { findReference, findReferences, listActiveForMatching, type ReferenceView } from "./search";
import { referenceTypeLabel } from "./sources";

/** An Intacct id as typed or picked: trimmed, bounded, no control characters (Intacct ids are ≤ 20–40 chars). */
export const zIntacctId = zText(80).pipe(z.string().min(1, "Choose a record from Sage Intacct"));
const zOptionalIntacctId = z.union([z.literal(""), z.null(), zIntacctId]).transform((v) => (v ? v : null));

const NOUN: Partial<Record<ReferenceType, string>> = {
  VENDOR: "vendor",
  PROJECT: "project",
  ENTITY: "entity",
  GL_ACCOUNT: "GL account",
  STANDARD_TASK: "cost code",
};

/**
 * The cached record an id names, refused when it is unknown (not in the cache: a typo, another company's id, or a
 * record created in Intacct since the last refresh) or inactive (unless the link already points at it).
 */
async function requireLinkable(
  db: Db,
  companyId: string,
  type: ReferenceType,
  externalId: string,
  current: string | null,
  field: string,
): Promise<ReferenceView> {
  const noun = NOUN[type] ?? referenceTypeLabel(type);
  const ref = await findReference(db, companyId, type, externalId);
  if (!ref) {
    throw new AppError(
      "INVALID_INPUT",
      `Sage Intacct ${noun} ${externalId} is not in the records loaded from Intacct. Choose one from the list, or use Refresh from Intacct if it was just created.`,
      {
        fieldErrors: { [field]: [`Unknown Intacct ${noun} ${externalId}`] },
      },
    );
  }
  if (!ref.active && current !== externalId) {
    throw new AppError(
      "INVALID_INPUT",
      `Sage Intacct ${noun} ${externalId} is inactive in Intacct and cannot be linked. Choose an active one.`,
      {
        fieldErrors: { [field]: [`${externalId} is inactive in Intacct`] },
      },
    );
  }
  return ref;
}

// ───────────────────────────── Vendors ─────────────────────────────

export const VendorLinkInput = z.object({
  accountingCompanyId: zId,
  intacctVendorId: zIntacctId,
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
  input: z.output<typeof VendorLinkInput>,
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

export const UnlinkVendorInput = z.object({ accountingCompanyId: zId });

export async function unlinkVendor(
  db: Db,
  user: SessionUser,
  input: z.output<typeof UnlinkVendorInput>,
): Promise<void> {
  const { count } = await db.accountingCompany.updateMany({
    where: { id: input.accountingCompanyId, companyId: user.companyId },
    data: { intacctVendorId: null },
  });
  if (count === 0) throw notFound("That accounting company");
}

export const AcceptSuggestionsInput = z.object({
  /** Accept the suggestions of these records only; omitted = every current suggestion ("Link all suggested"). */
  ids: z.array(zId).max(1000).optional(),
});

export type AcceptSummary = { linked: number; skipped: number; remainingUnlinked: number };

/**
 * Accepts suggestions as the server computes them now (never pairs sent by the browser), and only for records that
 * are still unlinked: a link made meanwhile by someone else is not overwritten.
 */
export async function acceptVendorSuggestions(
  db: Db,
  user: SessionUser,
  input: z.output<typeof AcceptSuggestionsInput>,
): Promise<AcceptSummary> {
  const wanted = input.ids ? new Set(input.ids) : null;
  const suggestions = (await suggestVendorLinks(db, user)).filter((s) => !wanted || wanted.has(s.accountingCompanyId));
  let linked = 0;
  await db.$transaction(async (tx) => {
    for (const s of suggestions) {
      const { count } = await tx.accountingCompany.updateMany({
        where: { id: s.accountingCompanyId, companyId: user.companyId, intacctVendorId: null },
        data: { intacctVendorId: s.externalId },
      });
      linked += count;
    }
  });
  const remainingUnlinked = await db.accountingCompany.count({
    where: { companyId: user.companyId, intacctVendorId: null },
  });
  return { linked, skipped: (wanted ? wanted.size : suggestions.length) - linked, remainingUnlinked };
}

// ───────────────────────────── Projects ─────────────────────────────

export const ProjectLinksInput = z.object({
  projectId: zId,
  intacctProjectId: zOptionalIntacctId,
  intacctEntityId: zOptionalIntacctId,
  intacctGlAccount: zOptionalIntacctId,
});

export type ProjectLinksView = {
  project: ReferenceView | null;
  entity: ReferenceView | null;
  glAccount: ReferenceView | null;
  ids: { intacctProjectId: string | null; intacctEntityId: string | null; intacctGlAccount: string | null };
};

export async function getProjectLinks(db: Db, user: SessionUser, projectId: string): Promise<ProjectLinksView> {
  const project = await db.project.findFirst({
    where: { id: projectId, companyId: user.companyId },
    select: { intacctProjectId: true, intacctEntityId: true, intacctGlAccount: true },
  });
  if (!project) throw notFound("That project");
  const [p, e, g] = await Promise.all([
    project.intacctProjectId ? findReference(db, user.companyId, "PROJECT", project.intacctProjectId) : null,
    project.intacctEntityId ? findReference(db, user.companyId, "ENTITY", project.intacctEntityId) : null,
    project.intacctGlAccount ? findReference(db, user.companyId, "GL_ACCOUNT", project.intacctGlAccount) : null,
  ]);
  return { project: p, entity: e, glAccount: g, ids: project };
}

/** §8: a PROJECT carries its entity in LOCATIONID (cached as parentId); posting it under another entity fails or misfiles. */
export function describeEntityMismatch(project: ReferenceView | null, entityId: string | null): string | null {
  if (!project || !entityId || !project.parentId || project.parentId === entityId) return null;
  return `Intacct project ${project.externalId} belongs to entity ${project.parentId}, not ${entityId}. Check that this is the entity its transactions should post to.`;
}

export async function saveProjectLinks(
  db: Db,
  user: SessionUser,
  input: z.output<typeof ProjectLinksInput>,
): Promise<{ warning: string | null }> {
  const current = await db.project.findFirst({
    where: { id: input.projectId, companyId: user.companyId },
    select: { intacctProjectId: true, intacctEntityId: true, intacctGlAccount: true },
  });
  if (!current) throw notFound("That project");
  const project = input.intacctProjectId
    ? await requireLinkable(
        db,
        user.companyId,
        "PROJECT",
        input.intacctProjectId,
        current.intacctProjectId,
        "intacctProjectId",
      )
    : null;
  if (input.intacctEntityId)
    await requireLinkable(
      db,
      user.companyId,
      "ENTITY",
      input.intacctEntityId,
      current.intacctEntityId,
      "intacctEntityId",
    );
  if (input.intacctGlAccount)
    await requireLinkable(
      db,
      user.companyId,
      "GL_ACCOUNT",
      input.intacctGlAccount,
      current.intacctGlAccount,
      "intacctGlAccount",
    );
  await db.project.updateMany({
    where: { id: input.projectId, companyId: user.companyId },
    data: {
      intacctProjectId: input.intacctProjectId,
      intacctEntityId: input.intacctEntityId,
      intacctGlAccount: input.intacctGlAccount,
    },
  });
  // Two of our projects posting to one Intacct project is sometimes intended (phases), usually a slip: say so.
  const sharing = input.intacctProjectId
    ? await db.project.findMany({
        where: { companyId: user.companyId, intacctProjectId: input.intacctProjectId, id: { not: input.projectId } },
        select: { number: true, name: true },
      })
    : [];
  const shared = sharing.length
    ? `Intacct project ${input.intacctProjectId} is also linked to ${sharing.map((p) => `${p.number} ${p.name}`).join(", ")}; their budgets and costs will land in the same Intacct project.`
    : null;
  const warnings = [describeEntityMismatch(project, input.intacctEntityId), shared].filter(
    (w): w is string => w !== null,
  );
  return { warning: warnings.length ? warnings.join(" ") : null };
}

// ───────────────────────────── Cost codes ─────────────────────────────

export const CostCodeLinkInput = z.object({ costCodeId: zId, intacctStandardTaskId: zOptionalIntacctId });

export type CostCodeSuggestion = { costCodeId: string; externalId: string; name: string; reason: MatchReason };

/** Suggestions from the standard cost code catalog (STANDARDTASK, §8) for every unlinked cost code. */
export async function suggestCostCodeLinks(db: Db, user: SessionUser): Promise<CostCodeSuggestion[]> {
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
  input: z.output<typeof CostCodeLinkInput>,
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
  input: z.output<typeof AcceptSuggestionsInput>,
): Promise<AcceptSummary> {
  const wanted = input.ids ? new Set(input.ids) : null;
  const suggestions = (await suggestCostCodeLinks(db, user)).filter((s) => !wanted || wanted.has(s.costCodeId));
  let linked = 0;
  await db.$transaction(async (tx) => {
    for (const s of suggestions) {
      const { count } = await tx.costCode.updateMany({
        where: { id: s.costCodeId, companyId: user.companyId, intacctStandardTaskId: null },
        data: { intacctStandardTaskId: s.externalId },
      });
      linked += count;
    }
  });
  const remainingUnlinked = await db.costCode.count({
    where: { companyId: user.companyId, intacctStandardTaskId: null },
  });
  return { linked, skipped: (wanted ? wanted.size : suggestions.length) - linked, remainingUnlinked };
}
