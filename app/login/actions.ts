"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { publicAction } from "@/lib/actions/safe-action";
import { SESSION_COOKIE, sessionCookieOptions } from "@/lib/auth/session-cookie";
import { signIn, signOut } from "@/lib/auth/sign-in";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";

const SignInInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("Enter your email address")).pipe(z.string().max(200)),
  password: z.string().min(1, "Enter your password").max(200),
});

export const signInAction = publicAction
  .metadata({ name: "sign-in", roles: ["ADMIN", "PROJECT_MANAGER", "VIEWER"] })
  .inputSchema(SignInInput)
  .action(async ({ parsedInput }) => {
    const session = await signIn(getDb(), parsedInput.email, parsedInput.password);
    if (!session) throw new AppError("UNAUTHENTICATED", "That email and password don't match an account. Check both and try again.");
    (await cookies()).set(SESSION_COOKIE, session.token, sessionCookieOptions(session.expiresAt));
    return { ok: true };
  });

export async function signOutAction(): Promise<void> {
  const store = await cookies();
  const token = store.get(SESSION_COOKIE)?.value;
  if (token) await signOut(getDb(), token);
  store.delete(SESSION_COOKIE);
  redirect("/login");
}
