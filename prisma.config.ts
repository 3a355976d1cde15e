// Prisma 7 CLI config. Only `prisma generate` runs on our machines (see tools/prisma-migrate/README.md for why
// migrations are computed with Prisma 6 and applied with dbmate).
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/unused" },
});
