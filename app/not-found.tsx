import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-lg px-6 py-24 text-center">
      <p className="text-sm font-semibold text-indigo-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold text-slate-900">Page not found</h1>
      <p className="mt-2 text-sm text-slate-600">The record may have been deleted, or the link is wrong.</p>
      <Link href="/projects" className="mt-6 inline-block text-sm font-semibold text-indigo-600 hover:text-indigo-500">
        Back to projects
      </Link>
    </main>
  );
}
