// What the three kinds of link (vendors.ts, projects.ts, cost-codes.ts) share: an id written must be in the
// company's reference cache, so a typo or a stale form cannot store a link the sync would fail on; and accepting
// suggestions the server computes now, for records that are still unlinked.
import "server-only";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { ZId, ZText } from "@/lib/validation/fields";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ReferenceType } from "@/lib/generated/prisma/enums";
import { findReference, type ReferenceView } from "../search";
import { referenceTypeLabel } from "../sources";

/** An Intacct id as typed or picked: trimmed, bounded, no control characters (Intacct ids are ≤ 20–40 chars). */
export const ZIntacctId = ZText(80).pipe(z.string().min(1, "Choose a record from Sage Intacct"));
export const ZOptionalIntacctId = z.union([z.literal(""), z.null(), ZIntacctId]).transform((v) => (v ? v : null));

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
export async function requireLinkable(
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

export const ZAcceptSuggestionsInput = z.object({
  /** Accept the suggestions of these records only; omitted = every current suggestion ("Link all suggested"). */
  ids: z.array(ZId).max(1000).optional(),
});

export type AcceptSummary = { linked: number; skipped: number; remainingUnlinked: number };

/**
 * Accepts suggestions as the server computes them now (never pairs sent by the browser), and only for records that
 * are still unlinked: a link made meanwhile by someone else is not overwritten. `link` writes one link and counts
 * what it changed (0 when the record was linked meanwhile); `countUnlinked` counts what is left.
 */
export async function acceptSuggestions<S extends { localId: string; externalId: string }>(
  db: Db,
  input: z.output<typeof ZAcceptSuggestionsInput>,
  suggestions: S[],
  writer: {
    link: (tx: Prisma.TransactionClient, suggestion: S) => Promise<number>;
    countUnlinked: () => Promise<number>;
  },
): Promise<AcceptSummary> {
  const wanted = input.ids ? new Set(input.ids) : null;
  const chosen = suggestions.filter((s) => !wanted || wanted.has(s.localId));
  let linked = 0;
  await db.$transaction(async (tx) => {
    for (const suggestion of chosen) linked += await writer.link(tx, suggestion);
  });
  const remainingUnlinked = await writer.countUnlinked();
  return { linked, skipped: (wanted ? wanted.size : chosen.length) - linked, remainingUnlinked };
}
