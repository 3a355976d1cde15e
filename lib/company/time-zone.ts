// The company's time zone (Company.timeZone): the zone every time in the app is shown in. An admin sets it in
// Company Settings; until then the first admin to connect an integration gives it their browser's zone, which is
// what a real setup wizard does (the person setting the company up is almost always where the company is).
import "server-only";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import { DEFAULT_TIME_ZONE, isValidTimeZone } from "@/lib/format/dates";
import { writeAudit } from "@/lib/integrations/audit";

export const ZTimeZone = z
  .string()
  .trim()
  .min(1, "Choose a time zone")
  .max(64, "Choose a time zone from the list")
  .refine(isValidTimeZone, "Choose a time zone from the list, e.g. America/Chicago");

export const ZTimeZoneInput = z.object({ timeZone: ZTimeZone });
type TimeZoneInput = z.output<typeof ZTimeZoneInput>;

export type CompanyTimeZone = { timeZone: string; isSet: boolean };

export async function getCompanyTimeZone(db: Db, user: SessionUser): Promise<CompanyTimeZone> {
  const company = await db.company.findUnique({ where: { id: user.companyId }, select: { timeZone: true } });
  if (!company) throw notFound("That company");
  return { timeZone: company.timeZone ?? DEFAULT_TIME_ZONE, isSet: company.timeZone !== null };
}

/** An admin's choice; audit-logged with the zone before and after. */
export async function saveCompanyTimeZone(db: Db, user: SessionUser, input: TimeZoneInput): Promise<CompanyTimeZone> {
  const before = await getCompanyTimeZone(db, user);
  await db.company.update({ where: { id: user.companyId }, data: { timeZone: input.timeZone } });
  if (!before.isSet || before.timeZone !== input.timeZone)
    await writeAudit(
      db,
      user,
      "company.time-zone",
      "success",
      `Time zone: ${before.isSet ? before.timeZone : "not set (UTC)"} → ${input.timeZone}`,
    );
  return { timeZone: input.timeZone, isSet: true };
}

/**
 * The browser's zone, sent with the first connect, becomes the company's only when none is set yet: it never
 * overrides an admin's choice. A zone this runtime does not know is ignored (the company stays on UTC).
 */
export async function defaultCompanyTimeZone(db: Db, user: SessionUser, browserZone: string | undefined) {
  if (!browserZone || !isValidTimeZone(browserZone)) return;
  const { count } = await db.company.updateMany({
    where: { id: user.companyId, timeZone: null },
    data: { timeZone: browserZone },
  });
  if (count === 1)
    await writeAudit(db, user, "company.time-zone", "success", `Time zone: ${browserZone} (from the browser at setup)`);
}
