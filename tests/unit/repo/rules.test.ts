// Written rules of ARCHITECTURE.md that lint cannot express, checked over the source: every "§n" cited in code
// exists in docs/intacct/gateway.md, no comment cites a tracker issue, and every lib/ module that reads the
// database or decrypts secrets imports "server-only" (a client component importing it then fails the build).
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const SKIP = new Set(["node_modules", ".next", "generated", ".data", "test-results", "playwright-report"]);

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIP.has(name)) return [];
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : /\.(ts|tsx|mjs)$/.test(name) ? [full] : [];
  });
}

const sources = ["app", "components", "lib", "tools/mock-intacct", "scripts", "tests", "prisma"].flatMap((dir) =>
  walk(path.join(ROOT, dir)),
);
const rel = (file: string) => path.relative(ROOT, file);

describe("repository rules", () => {
  it("every §n cited in code is a section of docs/intacct/gateway.md", () => {
    const doc = readFileSync(path.join(ROOT, "docs/intacct/gateway.md"), "utf8");
    const sections = new Set([...doc.matchAll(/^#{2,3} §(\d+(?:\.\d+)?)/gm)].map((m) => m[1]));
    expect(sections.size).toBeGreaterThan(10);
    const missing = sources.flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/§(\d+(?:\.\d+)?)/g)]
        .map((m) => m[1] as string)
        .filter((n) => !sections.has(n) && !sections.has(n.split(".")[0] as string))
        .map((n) => `${rel(file)}: §${n}`),
    );
    expect(missing).toEqual([]);
  });

  it("no code cites the fact sheet outside the repository, or a tracker issue by number", () => {
    const offenders = sources.flatMap((file) => {
      if (file === path.join(ROOT, "tests/unit/repo/rules.test.ts")) return [];
      const text = readFileSync(file, "utf8");
      return [/intacct-xml-reference/, /\b[Ii]ssue #?\d+\b/].flatMap((pattern) =>
        pattern.test(text) ? [`${rel(file)}: ${pattern}`] : [],
      );
    });
    expect(offenders).toEqual([]);
  });

  it('every lib/ module that reads the database or secrets imports "server-only"', () => {
    // The pure client, the in-memory provider and the modules a script needs before anything else (the database
    // client itself and the encryption primitives, which instrumentation.ts loads at start) are exempt.
    const exempt = [/^lib\/intacct\//, /^lib\/integrations\/in-memory\//, /^lib\/db\/client\.ts$/, /^lib\/crypto\//];
    const missing = sources
      .map(rel)
      .filter((file) => file.startsWith("lib/") && !file.endsWith(".test.ts") && !exempt.some((r) => r.test(file)))
      .filter((file) => {
        const text = readFileSync(path.join(ROOT, file), "utf8");
        const readsData = /\bdb\.\$?[a-zA-Z]+|decryptJson\(|getDb\(/.test(text);
        return readsData && !text.includes('import "server-only"');
      });
    expect(missing).toEqual([]);
  });
});
