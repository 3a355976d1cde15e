import "server-only";
import { createMiddleware, createSafeActionClient, returnValidationErrors } from "next-safe-action";
import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/current-user";
import { hasRole } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import {
  AppError,
  type AppErrorCode,
  type FieldErrors,
  GENERIC_ERROR_MESSAGE,
  isAppError,
} from "@/lib/errors/app-error";
import { Role } from "@/lib/generated/prisma/enums";
import { logger } from "@/lib/logger";
import { findTextProblems } from "./text-guard";

export type ActionServerError = { code: AppErrorCode | "INTERNAL"; message: string; fieldErrors?: FieldErrors };

// Every server action is built from this client (dub's safe-action): it loads the session, the company and the
// role, checks the role the action declares in its metadata, and validates input with zod before the body runs.
// Errors reach the browser only as AppError user messages; anything else is logged and shown as a generic message.
const baseClient = createSafeActionClient({
  defineMetadataSchema: () => z.object({ name: z.string(), roles: z.array(z.enum(Role)).min(1) }),
  // The full tree, so errors on a line (lines.1.amount) reach the form; components/forms/action-result.ts reads it.
  defaultValidationErrorsShape: "formatted",
  handleServerError: (error, { metadata }): ActionServerError => {
    if (isAppError(error)) {
      if (error.code !== "INVALID_INPUT")
        logger.info({ action: metadata?.name, code: error.code, internal: error.message }, "action refused");
      return { code: error.code, message: error.userMessage, fieldErrors: error.fieldErrors };
    }
    logger.error({ action: metadata?.name, err: error }, "action failed");
    return { code: "INTERNAL", message: GENERIC_ERROR_MESSAGE };
  },
});

// Bidi controls and lone surrogates in any text field: a field message, before the schema runs (text-guard.ts).
const refuseDeceptiveText = createMiddleware().define(async ({ clientInput, next }) => {
  const problems = findTextProblems(clientInput);
  if (problems) returnValidationErrors(z.any(), problems);
  return next();
});

export const authedAction = baseClient
  .use(async ({ next, metadata }) => {
    const user = await getCurrentUser();
    if (!user) throw new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again to continue.");
    if (!hasRole(user.role, metadata.roles)) {
      throw new AppError("FORBIDDEN", "Your role does not allow this action. Ask a company admin for access.", {
        internalMessage: `${user.email} (${user.role}) called ${metadata.name}`,
      });
    }
    return next({ ctx: { user, db: getDb() } });
  })
  .use(refuseDeceptiveText);

// Sign-in runs before there is a session.
export const publicAction = baseClient.use(refuseDeceptiveText);
