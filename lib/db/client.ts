import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

export type Db = PrismaClient;
/** The client an interactive transaction's callback gets. */
export type DbTx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
/** For reads and guards that run both on their own and inside a transaction. */
export type DbOrTx = Db | DbTx;

export function createDb(connectionString: string): Db {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
}

// One client per process; kept on globalThis so Next's dev reloads do not open a new pool on every edit.
const globalForDb = globalThis as unknown as { __db?: Db };

export function getDb(): Db {
  if (globalForDb.__db) return globalForDb.__db;
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm run demo` or set it in .env");
  globalForDb.__db = createDb(url);
  return globalForDb.__db;
}
