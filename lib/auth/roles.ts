import type { Role } from "@/lib/generated/prisma/enums";

export type { Role };

export const ROLE_LABELS: Record<Role, string> = {
  ADMIN: "Admin",
  PROJECT_MANAGER: "Project manager",
  VIEWER: "Viewer",
  ACCOUNTANT: "Accountant",
};

// Who may do what, in one place; actions and pages declare one of these and the wrappers enforce it.
export const CAN_EDIT: Role[] = ["ADMIN", "PROJECT_MANAGER"];
export const CAN_APPROVE: Role[] = ["ADMIN", "PROJECT_MANAGER"];
// Sending to accounting and the Accounting sync page. Accountants sync but never edit or approve; with "Accounting
// reviews before sync" on, only CAN_REVIEW may actually send (lib/sync/review.ts).
export const CAN_SYNC: Role[] = ["ADMIN", "PROJECT_MANAGER", "ACCOUNTANT"];
// Review what waits in Ready for accounting: send it, or return it to its project manager.
export const CAN_REVIEW: Role[] = ["ADMIN", "ACCOUNTANT"];
export const ADMIN_ONLY: Role[] = ["ADMIN"];
export const ANY_ROLE: Role[] = ["ADMIN", "PROJECT_MANAGER", "VIEWER", "ACCOUNTANT"];

export function hasRole(role: Role, allowed: readonly Role[]): boolean {
  return allowed.includes(role);
}
