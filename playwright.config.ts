import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// Debian's Chromium when present (CI installs it; browser downloads are not possible here), else Playwright's own.
const chromiumPath =
  process.env.PLAYWRIGHT_CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_MOCK_PORT = Number(process.env.E2E_MOCK_PORT ?? 7791);

// Specs read and seed data through the app's services, which import "server-only": run them with React's server
// condition, as `npm run test:e2e` does.
if (!`${process.env.NODE_OPTIONS ?? ""} ${process.execArgv.join(" ")}`.includes("react-server")) {
  throw new Error("Run the e2e suite with `npm run test:e2e` (it sets NODE_OPTIONS=--conditions=react-server).");
}

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "**/*.e2e.ts",
  globalTeardown: "./tests/e2e/global-teardown.ts",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    ...devices["Desktop Chrome"],
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  // The mock Intacct's faults are global: the suite that injects them runs alone, after everything else.
  // The secrets scan reads what the whole run left behind, so it runs last.
  projects: [
    { name: "app", testIgnore: ["**/integration-hub.e2e.ts", "**/secrets.e2e.ts"] },
    { name: "faults", testMatch: "**/integration-hub.e2e.ts", dependencies: ["app"] },
    { name: "secrets", testMatch: "**/secrets.e2e.ts", dependencies: ["faults"] },
  ],
  webServer: {
    command: "npx tsx --conditions=react-server tests/e2e/start-server.ts",
    url: `http://localhost:${E2E_PORT}/login`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    env: { E2E_PORT: String(E2E_PORT), E2E_MOCK_PORT: String(E2E_MOCK_PORT) },
  },
});
