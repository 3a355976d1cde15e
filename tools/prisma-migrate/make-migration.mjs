#!/usr/bin/env node
// Writes the next dbmate migration from the difference between the schema as of the last migration
// (prisma/migrations/schema.snapshot.prisma) and prisma/schema.prisma, then moves the snapshot forward.
// Usage (from the repo root): npm run db:migration -- <name>
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const here = import.meta.dirname;
const root = path.resolve(here, "../..");
const schemaPath = path.join(root, "prisma/schema.prisma");
const migrationsDir = path.join(root, "prisma/migrations");
const snapshotPath = path.join(migrationsDir, "schema.snapshot.prisma");

const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]+/gi, "_").toLowerCase();
if (!name) {
  console.error("usage: npm run db:migration -- <name>");
  process.exit(2);
}

// Prisma 6 only reads a schema whose datasource has a url, which Prisma 7 forbids; add a dummy one to a copy.
const work = mkdtempSync(path.join(tmpdir(), "prisma-migrate-"));
function withUrl(file, label) {
  const text = readFileSync(file, "utf8").replace(
    /datasource\s+db\s*\{/,
    (m) => `${m}\n  url = "postgresql://localhost/unused"`,
  );
  const out = path.join(work, `${label}.prisma`);
  writeFileSync(out, text);
  return out;
}

function diff(fromArgs, toFile) {
  return execFileSync(
    path.join(here, "node_modules/.bin/prisma"),
    ["migrate", "diff", ...fromArgs, "--to-schema-datamodel", toFile, "--script"],
    {
      cwd: here,
      encoding: "utf8",
      env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    },
  );
}

const current = withUrl(schemaPath, "current");
const previous = existsSync(snapshotPath) ? withUrl(snapshotPath, "previous") : null;
const up = diff(previous ? ["--from-schema-datamodel", previous] : ["--from-empty"], current);
if (/^-- This is an empty migration\./m.test(up) || up.trim() === "") {
  console.log("schema.prisma has no changes since the last migration");
  process.exit(0);
}
const down = previous
  ? diff(["--from-schema-datamodel", current], previous)
  : "-- the first migration is not reversible\n";

const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const file = path.join(migrationsDir, `${stamp}_${name}.sql`);
writeFileSync(file, `-- migrate:up\n${up}\n-- migrate:down\n${down}`);
copyFileSync(schemaPath, snapshotPath);
console.log(`wrote ${path.relative(root, file)}`);
