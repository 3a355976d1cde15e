// Every id that arrives from a form is checked against the user's company before it is written, so a
// hand-crafted request cannot attach another company's cost code or project.
import "server-only";
import type { DbOrTx } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors/app-error";

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
