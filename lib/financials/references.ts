// Every id that arrives from a form is checked against the user's company before it is written, so a
// hand-crafted request cannot attach another company's cost code, vendor or contract line.
import type { Db } from "@/lib/db/client";
import { guardUnique } from "@/lib/db/unique-violation";
import { AppError, notFound } from "@/lib/errors/app-error";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export async function assertCostCodes(db: DbOrTx, companyId: string, ids: string[]): Promise<void> {
  const unique = [...new Set(ids)];
  const found = await db.costCode.count({ where: { companyId, id: { in: unique } } });
  if (found !== unique.length) {
    throw new AppError("INVALID_INPUT", "One of the cost codes was not found. Refresh the page and choose it again.", {
      fieldErrors: { lines: ["Unknown cost code"] },
    });
  }
}

export async function findProjectOrThrow(db: DbOrTx, companyId: string, projectId: string) {
  const project = await db.project.findFirst({ where: { id: projectId, companyId } });
  if (!project) throw notFound("That project");
  return project;
}

const numberConflict = (label: string) =>
  new AppError("CONFLICT", `${label} is already used. Choose another number.`, {
    fieldErrors: { number: [`${label} is already used`] },
  });

export function assertUniqueNumber(
  existing: { id: string } | null,
  currentId: string | undefined,
  label: string,
): void {
  if (existing && existing.id !== currentId) throw numberConflict(label);
}

export const guardUniqueNumber = <T>(label: string, save: () => Promise<T>): Promise<T> =>
  guardUnique("number", () => numberConflict(label), save);

// Narrows a list to given item ids (e.g. the items in one sync state), without the list knowing why.
export type IdFilter = { id?: { in: string[] } | { notIn: string[] } };
