import type { Role } from "@/lib/generated/prisma/enums";

export type { Role };

export const ROLE_LABELS: Record<Role, string> = {
  ADMIN: "Admin",
  PROJECT_MANAGER: "Project manager",
  VIEWER: "Viewer",
};

// Who may do what, in one place; actions and pages declare one of these and the wrappers enforce it.
export const CAN_EDIT: Role[] = ["ADMIN", "PROJECT_MANAGER"];
export const CAN_APPROVE: Role[] = ["ADMIN", "PROJECT_MANAGER"];
export const ADMIN_ONLY: Role[] = ["ADMIN"];
export const ANY_ROLE: Role[] = ["ADMIN", "PROJECT_MANAGER", "VIEWER"];

export function hasRole(role: Role, allowed: readonly Role[]): boolean {
  return allowed.includes(role);
}
