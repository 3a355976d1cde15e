// Projects: the Intacct project, entity and GL account a project posts to.
import "server-only";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import { ZId } from "@/lib/validation/fields";
import { type MatchReason, suggestCostCodeMatches } from "../matching";
import { findReference, type ReferenceView } from "../search";
import {
  acceptSuggestions,
  type ZAcceptSuggestionsInput,
  type AcceptSummary,
  requireLinkable,
  ZOptionalIntacctId,
} from "./shared";

export const ZProjectLinksInput = z.object({
  projectId: ZId,
  intacctProjectId: ZOptionalIntacctId,
  intacctEntityId: ZOptionalIntacctId,
  intacctGlAccount: ZOptionalIntacctId,
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
function describeEntityMismatch(project: ReferenceView | null, entityId: string | null): string | null {
  if (!project || !entityId || !project.parentId || project.parentId === entityId) return null;
  return `Intacct project ${project.externalId} belongs to entity ${project.parentId}, not ${entityId}. Check that this is the entity its transactions should post to.`;
}

export async function saveProjectLinks(
  db: Db,
  user: SessionUser,
  input: z.output<typeof ZProjectLinksInput>,
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

export type ProjectSuggestion = {
  projectId: string;
  number: string;
  name: string;
  externalId: string;
  externalName: string;
  entityId: string;
  reason: MatchReason;
};

/**
 * Suggestions for every unlinked project, as for vendors and cost codes: our number equal to the PROJECTID
 * (separators ignored), else an equal name; a tie suggests nothing. Candidates: active Intacct projects no project
 * of ours is linked to (a second link to one Intacct project is allowed, with its warning, but never suggested).
 */
export async function suggestProjectLinks(db: Db, user: SessionUser): Promise<ProjectSuggestion[]> {
  const ours = await db.project.findMany({
    where: { companyId: user.companyId },
    select: { id: true, number: true, name: true, intacctProjectId: true },
  });
  const unlinked = ours.filter((p) => !p.intacctProjectId);
  if (unlinked.length === 0) return [];
  const taken = new Set(ours.map((p) => p.intacctProjectId).filter(Boolean));
  const remote = (
    await db.intacctReference.findMany({
      where: { companyId: user.companyId, type: "PROJECT", scope: "", active: true },
      select: { externalId: true, name: true, parentId: true },
    })
  ).filter((r) => !taken.has(r.externalId));
  const byId = new Map(remote.map((r) => [r.externalId, r]));
  const byLocal = new Map(unlinked.map((p) => [p.id, p]));
  return suggestCostCodeMatches(
    unlinked.map((p) => ({ id: p.id, code: p.number, name: p.name })),
    remote,
  ).map((s) => {
    const local = byLocal.get(s.localId);
    const ref = byId.get(s.externalId);
    return {
      projectId: s.localId,
      number: local?.number ?? "",
      name: local?.name ?? "",
      externalId: s.externalId,
      externalName: ref?.name ?? "",
      entityId: ref?.parentId ?? "",
      reason: s.reason,
    };
  });
}

/** Accepts project suggestions (one, some, or "Link all suggested"); the project's entity comes along when unset. */
export async function acceptProjectSuggestions(
  db: Db,
  user: SessionUser,
  input: z.output<typeof ZAcceptSuggestionsInput>,
): Promise<AcceptSummary> {
  const suggestions = (await suggestProjectLinks(db, user)).map((s) => ({ ...s, localId: s.projectId }));
  return acceptSuggestions(db, input, suggestions, {
    link: async (tx, s) => {
      const { count } = await tx.project.updateMany({
        where: { id: s.localId, companyId: user.companyId, intacctProjectId: null },
        data: { intacctProjectId: s.externalId },
      });
      // §8: the Intacct project's LOCATIONID is the entity its transactions post to.
      if (count && s.entityId)
        await tx.project.updateMany({
          where: { id: s.localId, companyId: user.companyId, intacctEntityId: null },
          data: { intacctEntityId: s.entityId },
        });
      return count;
    },
    countUnlinked: () => db.project.count({ where: { companyId: user.companyId, intacctProjectId: null } }),
  });
}
