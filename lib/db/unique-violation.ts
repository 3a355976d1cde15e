// Unique indexes are the last word on "already used": a pre-check gives the friendly message in the common case,
// and these turn the race it cannot close (two saves of one value at once) into the same message.
import { AppError } from "@/lib/errors/app-error";

export function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === "object" && error !== null && "code" in error && (error as { code: unknown }).code === "P2002"
  );
}

type ConstraintInfo = { fields?: string[]; index?: string };

/** Whether a unique violation is on `column` (Prisma's driver-adapter errors name the fields or the index). */
export function isUniqueViolationOn(error: unknown, column: string): boolean {
  if (!isUniqueViolation(error)) return false;
  const meta = (
    error as { meta?: { target?: unknown; driverAdapterError?: { cause?: { constraint?: ConstraintInfo } } } }
  ).meta;
  const constraint = meta?.driverAdapterError?.cause?.constraint;
  const fields = constraint?.fields ?? (Array.isArray(meta?.target) ? (meta.target as string[]) : undefined);
  if (fields) return fields.some((field) => field.replaceAll('"', "") === column);
  return constraint?.index?.endsWith(`_${column}_key`) ?? false;
}

/**
 * Runs a save whose unique field the pre-check found free. Two saves of one value at once both pass that check;
 * the database's unique index lets one through, and the other gets the same field error as the pre-check would
 * have given, not "Something went wrong".
 */
export async function guardUnique<T>(column: string, conflict: () => AppError, save: () => Promise<T>): Promise<T> {
  try {
    return await save();
  } catch (error) {
    if (isUniqueViolationOn(error, column)) throw conflict();
    throw error;
  }
}

const numberConflict = (label: string) =>
  new AppError("CONFLICT", `${label} is already used. Choose another number.`, {
    fieldErrors: { number: [`${label} is already used`] },
  });

/** The pre-check of a `number` field: `existing` is the record holding that number, if any. */
export function assertUniqueNumber(
  existing: { id: string } | null,
  currentId: string | undefined,
  label: string,
): void {
  if (existing && existing.id !== currentId) throw numberConflict(label);
}

export const guardUniqueNumber = <T>(label: string, save: () => Promise<T>): Promise<T> =>
  guardUnique("number", () => numberConflict(label), save);
