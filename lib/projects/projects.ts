import "server-only";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/client";
import { assertUniqueNumber, guardUniqueNumber } from "@/lib/db/unique-violation";
import { notFound } from "@/lib/errors/app-error";
import { ZId, ZRequiredText, ZText } from "@/lib/validation/fields";

export const ZProjectInput = z.object({
  id: ZId.optional(),
  number: ZRequiredText(30, "Project number"),
  name: ZRequiredText(120, "Name"),
  city: ZText(80),
  state: ZText(40),
});
/** The input once parsed: what the service saves. */
type ProjectInput = z.output<typeof ZProjectInput>;

export async function listProjects(
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
            { name: { contains: q, mode: "insensitive" as const } },
            { number: { contains: q, mode: "insensitive" as const } },
          ],
        }
      : {}),
  };
  const [rows, total] = await Promise.all([
    db.project.findMany({
      where,
      include: { budget: { select: { status: true } }, _count: { select: { contracts: true } } },
      orderBy: { number: "asc" },
      skip: options.skip,
      take: options.take,
    }),
    db.project.count({ where }),
  ]);
  return { rows, total };
}

export async function getProject(db: Db, user: SessionUser, id: string) {
  const project = await db.project.findFirst({ where: { id, companyId: user.companyId } });
  if (!project) throw notFound("That project");
  return project;
}

export async function saveProject(db: Db, user: SessionUser, input: ProjectInput): Promise<{ id: string }> {
  const label = `Project number ${input.number}`;
  assertUniqueNumber(
    await db.project.findFirst({ where: { companyId: user.companyId, number: input.number }, select: { id: true } }),
    input.id,
    label,
  );
  const data = { number: input.number, name: input.name, city: input.city, state: input.state };
  return guardUniqueNumber(label, async () => {
    if (!input.id) return db.project.create({ data: { ...data, companyId: user.companyId }, select: { id: true } });
    const { count } = await db.project.updateMany({ where: { id: input.id, companyId: user.companyId }, data });
    if (count === 0) throw notFound("That project");
    return { id: input.id };
  });
}
