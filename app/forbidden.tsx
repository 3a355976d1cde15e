import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-lg px-6 py-24 text-center">
      <p className="text-sm font-semibold text-indigo-600">403</p>
      <h1 className="mt-2 text-2xl font-semibold text-slate-900">You don&apos;t have access to this page</h1>
      <p className="mt-2 text-sm text-slate-600">
        Your role does not include this area. Ask a company admin if you need access.
      </p>
      <Link href="/projects" className="mt-6 inline-block text-sm font-semibold text-indigo-600 hover:text-indigo-500">
        Back to projects
      </Link>
    </main>
  );
}
