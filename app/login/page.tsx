import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/current-user";
import { safeNextPath } from "@/lib/auth/return-path";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const next = safeNextPath((await searchParams).next);
  if (await getCurrentUser()) redirect(next);
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <p className="text-center text-sm font-bold tracking-wide text-indigo-700">INGENIOUS.BUILD</p>
        <h1 className="mt-2 text-center text-2xl font-semibold text-slate-900">Sign in to your company</h1>
        <div className="mt-8 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <LoginForm next={next} />
        </div>
      </div>
    </main>
  );
}
