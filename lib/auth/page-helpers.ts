import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import type { SessionUser } from "@/lib/auth/sessions";
import { getDb } from "@/lib/db/client";
import { isAppError } from "@/lib/errors/app-error";
import { getProject } from "@/lib/projects/projects";

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

// A page under /projects/<id> checks the project itself, not only its layout: on an in-app navigation between a
// project's tabs Next renders the page alone, and a replayed navigation request naming another company's project
// would otherwise render an empty tab (the proxy makes its status a 404, lib/auth/route-records.ts). Once per
// request: the layout shares the lookup.
export const findProject = cache(async (user: SessionUser, projectId: string) =>
  orNotFound(getProject(getDb(), user, requireUuid(projectId))),
);

/** The project's id, after a 404 for a malformed id, an unknown one or another company's. */
export async function requireProjectId(user: SessionUser, projectId: string): Promise<string> {
  return (await findProject(user, projectId)).id;
}
