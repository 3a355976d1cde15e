// npm run db:seed: loads the demo company into an empty database (DATABASE_URL, or the embedded one).
import { createDb } from "@/lib/db/client";
import { resolveDatabase } from "../scripts/db-url";
import { ensureDatabase, migrateDatabase } from "../scripts/lib/database";
import { seedDemo } from "./seed";

const { url, embedded } = await resolveDatabase();
try {
  await ensureDatabase(url);
  await migrateDatabase(url);
  const db = createDb(url);
  if ((await db.company.count()) > 0) console.log("database already has data; seed skipped");
  else await seedDemo(db).then(() => console.log("demo company seeded"));
  await db.$disconnect();
} finally {
  await embedded?.stop();
}
