// npm run soak:sync [-- --full]: the sync soak (tests/integration/jobs/soak.test.ts) on its own. The small
// configuration (about 100 items on 5 projects, one worker kill) also runs in the vitest suite; --full sends 1,000
// items across 20 projects.
// Its output ends with a table and one JSON line.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { root } from "./db-url";

const full = process.argv.includes("--full");
const result = spawnSync(
  path.join(root, "node_modules/.bin/vitest"),
  ["run", "tests/integration/jobs/soak.test.ts", "--reporter=verbose"],
  { stdio: "inherit", env: { ...process.env, SOAK_FULL: full ? "1" : "0" } },
);
process.exit(result.status ?? 1);
