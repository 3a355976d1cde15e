import "server-only";
import { notFound } from "next/navigation";
import { isAppError } from "@/lib/errors/app-error";

// Services throw AppError NOT_FOUND for an unknown id or another company's id; pages turn that into a 404.
export async function orNotFound<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

// A malformed id in the URL is a 404, not a database error.
export function requireUuid(value: string): string {
  if (!isUuid(value)) notFound();
  return value;
}
