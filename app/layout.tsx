import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "INGENIOUS.BUILD", template: "%s · INGENIOUS.BUILD" },
  description: "Construction project management with Sage Intacct sync",
};

// Every page renders per request: the Content-Security-Policy (proxy.ts) carries a fresh nonce, which Next adds
// to its scripts only while rendering; a page prerendered at build time would have scripts without it.
export default async function RootLayout({ children }: { children: ReactNode }) {
  await headers();
  return (
    <html lang="en">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
