// npm run db:migrate: applies pending migrations to DATABASE_URL, or to the embedded database.
import { resolveDatabase } from "./db-url";
import { ensureDatabase, migrateDatabase } from "./lib/database";

const { url, embedded } = await resolveDatabase();
try {
  await ensureDatabase(url);
  await migrateDatabase(url);
  console.log("migrations applied");
} finally {
  await embedded?.stop();
}
