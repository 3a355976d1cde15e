import "server-only";
import type { SessionUser } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/client";

export type AuditAction =
  | "integration.connect"
  | "integration.update"
  | "integration.test"
  | "integration.disconnect"
  | "integration.settings"
  | "integration.import-vendors"
  | "integration.create-tasks"
  | "integration.create-vendor"
  | "integration.create-project"
  // Accounting reviews before sync (lib/sync/review.ts): a reviewed send, a return to the PM, a resubmission.
  | "accounting.send"
  | "accounting.return"
  | "accounting.resubmit"
  | "company.time-zone";

// One row per admin action on an integration: who, when, what, and how it went. Callers pass only
// non-secret detail (failure titles, probe summaries), never credentials.
export async function writeAudit(
  db: Db,
  user: Pick<SessionUser, "id" | "name" | "companyId">,
  action: AuditAction,
  outcome: "success" | "failure",
  detail = "",
): Promise<void> {
  await db.auditLog.create({
    data: {
      companyId: user.companyId,
      actorId: user.id,
      actorName: user.name,
      action,
      outcome,
      detail: detail.slice(0, 2000),
    },
  });
}

export async function listAudit(db: Db, user: SessionUser, take = 20) {
  return db.auditLog.findMany({ where: { companyId: user.companyId }, orderBy: { createdAt: "desc" }, take });
}
