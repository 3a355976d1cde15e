// Prisma 6 computes migration SQL with its JavaScript engine: no native schema engine, no database.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "stub.prisma",
  adapter: async () => new PrismaBetterSQLite3({ url: ":memory:" }),
});
