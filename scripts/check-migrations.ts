// Fails when prisma/schema.prisma changed without a migration: the snapshot written with the last migration
// must match the schema (comments and blank lines aside). Runs in `npm test` without Prisma 6 installed.
import { readFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const normalize = (text: string) =>
  text
    .split("\n")
    .map((line) => line.replace(/\/\/.*$/, "").trimEnd())
    .filter((line) => line.trim() !== "")
    .join("\n");

const schema = normalize(readFileSync(path.join(root, "prisma/schema.prisma"), "utf8"));
const snapshot = normalize(readFileSync(path.join(root, "prisma/migrations/schema.snapshot.prisma"), "utf8"));
if (schema !== snapshot) {
  console.error("prisma/schema.prisma has changes without a migration. Run: npm run db:migration -- <name>");
  process.exit(1);
}
console.log("migrations: schema.prisma matches the last migration");
