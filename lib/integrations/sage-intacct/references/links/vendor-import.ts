// Import from Sage Intacct: accounting companies created (or linked) from Intacct vendors that no accounting company
// of ours points at yet. The picker lists them from the reference cache; the import reads each chosen VENDOR from
// Intacct itself, so the company gets the vendor's current name, tax ID, address and contact (the cache keeps only
// what linking needs) and a vendor deleted or deactivated since the last refresh is skipped, not created.
import "server-only";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { isIntacctError, type IntacctClient, type XmlRecord } from "@/lib/intacct";
import { writeAudit } from "../../../audit";
import { getIntacctClientForCompany } from "../../client-factory";
import { ZIntacctId } from "./shared";
import { suggestVendorLinks, type VendorSuggestion } from "./vendors";

/** One request's worth: the import job runs a large import in batches of this size and saves progress after each. */
export const VENDOR_IMPORT_BATCH = 100;
/** "Select all" takes at most this many at once; a company with more imports them in several runs. */
export const VENDOR_IMPORT_MAX_SELECT = 5000;

export const ZImportVendorsInput = z.object({
  vendorIds: z
    .array(ZIntacctId)
    .min(1, "Choose at least one Sage Intacct vendor")
    .max(VENDOR_IMPORT_BATCH, `Import at most ${VENDOR_IMPORT_BATCH} vendors per request`),
});

export const ZImportableVendorsInput = z.object({
  query: z.string().max(100, "Search with at most 100 characters").default(""),
  /** Only the ids (for "Select all N"), up to VENDOR_IMPORT_MAX_SELECT. */
  idsOnly: z.boolean().default(false),
});

export type ImportableVendor = { externalId: string; name: string; taxId: string };

export type VendorImportOutcome = {
  vendorId: string;
  name: string;
  status: "created" | "linked" | "skipped";
  /** Why it was linked rather than created, or skipped. */
  reason: string;
};

export type VendorImportSummary = {
  created: number;
  linked: number;
  skipped: number;
  outcomes: VendorImportOutcome[];
};

// LIKE wildcards typed by the user are searched for literally (as in search.ts).
const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

function toWords(query: string): string[] {
  return query
    .replace(/[\u0000-\u001F\u007F]/g, "")
    .trim()
    .toLowerCase()
    .slice(0, 100)
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 5)
    .map((w) => `%${escapeLike(w)}%`);
}

/**
 * Active cached vendors that no accounting company of ours is linked to, matching every word of `query` (id or
 * name), by name. `limit` rows plus the total, so the dialog can say "Select all 540".
 */
export async function listImportableVendors(
  db: Db,
  user: SessionUser,
  options: { query?: string; limit?: number } = {},
): Promise<{ total: number; rows: ImportableVendor[] }> {
  const words = toWords(options.query ?? "");
  const limit = Math.min(Math.max(options.limit ?? 50, 1), VENDOR_IMPORT_MAX_SELECT);
  const [rows, counted] = await Promise.all([
    db.$queryRaw<ImportableVendor[]>`
      SELECT r."externalId", r."name", coalesce(r."data"->>'taxId', '') AS "taxId"
      FROM "IntacctReference" r
      WHERE r."companyId" = ${user.companyId}::uuid AND r."type" = 'VENDOR'::"ReferenceType" AND r."scope" = ''
        AND r."active" AND r."searchText" LIKE ALL (${words}::text[])
        AND NOT EXISTS (SELECT 1 FROM "AccountingCompany" a
                        WHERE a."companyId" = r."companyId" AND a."intacctVendorId" = r."externalId")
      ORDER BY r."name", r."externalId"
      LIMIT ${limit}`,
    db.$queryRaw<{ count: bigint }[]>`
      SELECT count(*) AS "count"
      FROM "IntacctReference" r
      WHERE r."companyId" = ${user.companyId}::uuid AND r."type" = 'VENDOR'::"ReferenceType" AND r."scope" = ''
        AND r."active" AND r."searchText" LIKE ALL (${words}::text[])
        AND NOT EXISTS (SELECT 1 FROM "AccountingCompany" a
                        WHERE a."companyId" = r."companyId" AND a."intacctVendorId" = r."externalId")`,
  ]);
  return { total: Number(counted[0]?.count ?? 0), rows };
}

// The VENDOR fields an accounting company is made of (§8 plus the vendor's display contact, read as dotted fields).
const VENDOR_FIELDS = [
  "VENDORID",
  "NAME",
  "STATUS",
  "TAXID",
  "DISPLAYCONTACT.PHONE1",
  "DISPLAYCONTACT.EMAIL1",
  "DISPLAYCONTACT.MAILADDRESS.ADDRESS1",
  "DISPLAYCONTACT.MAILADDRESS.CITY",
  "DISPLAYCONTACT.MAILADDRESS.STATE",
  "DISPLAYCONTACT.MAILADDRESS.ZIP",
];

function text(record: XmlRecord, field: string, max: number): string {
  const value = record[field];
  return typeof value === "string"
    ? value
        .replace(/[\u0000-\u001F\u007F]/g, " ")
        .trim()
        .slice(0, max)
    : "";
}

export type CompanyFromVendor = {
  name: string;
  taxId: string;
  address: string;
  city: string;
  state: string;
  postalCode: string;
  email: string;
  phone: string;
};

/**
 * Our accounting company's fields from a VENDOR record, within the limits our form enforces. A tax ID or email our
 * form would refuse is left empty rather than stored unchecked (the user can fill it in on the company's page).
 */
export function companyFromVendor(record: XmlRecord): CompanyFromVendor {
  const taxId = text(record, "TAXID", 20);
  const email = text(record, "DISPLAYCONTACT.EMAIL1", 200);
  return {
    name: text(record, "NAME", 120),
    taxId: /^[0-9-]{9,11}$/.test(taxId) ? taxId : "",
    address: text(record, "DISPLAYCONTACT.MAILADDRESS.ADDRESS1", 200),
    city: text(record, "DISPLAYCONTACT.MAILADDRESS.CITY", 80),
    state: text(record, "DISPLAYCONTACT.MAILADDRESS.STATE", 40),
    postalCode: text(record, "DISPLAYCONTACT.MAILADDRESS.ZIP", 12),
    email: email && z.email().safeParse(email).success ? email : "",
    phone: text(record, "DISPLAYCONTACT.PHONE1", 30),
  };
}

async function readVendors(client: IntacctClient, vendorIds: string[]): Promise<Map<string, XmlRecord>> {
  const byId = new Map<string, XmlRecord>();
  const pages = client.query({
    object: "VENDOR",
    select: VENDOR_FIELDS,
    filter: { field: "VENDORID", op: "in", values: vendorIds },
    pageSize: VENDOR_IMPORT_BATCH,
  });
  for await (const page of pages) for (const record of page) byId.set(text(record, "VENDORID", 80), record);
  return byId;
}

function importFailure(error: unknown): AppError {
  if (isAppError(error)) return error;
  if (isIntacctError(error))
    return new AppError("INVALID_STATE", `Reading the vendors from Sage Intacct failed: ${error.userMessage}`);
  throw error;
}

/** Creates one company from a vendor, or links the unlinked company of ours that already has its name. */
async function importOne(
  db: Db,
  user: SessionUser,
  vendorId: string,
  record: XmlRecord,
  suggested: VendorSuggestion | undefined,
  resumedSince: Date | undefined,
): Promise<VendorImportOutcome> {
  const fields = companyFromVendor(record);
  const name = fields.name || vendorId;
  const skip = (reason: string): VendorImportOutcome => ({ vendorId, name, status: "skipped", reason });
  if (text(record, "STATUS", 20).toLowerCase() !== "active") return skip("inactive in Sage Intacct");
  const linkedAlready = await db.accountingCompany.findFirst({
    where: { companyId: user.companyId, intacctVendorId: vendorId },
    select: { name: true, createdAt: true },
  });
  // A re-run of a chunk whose writes landed before its worker died: the company it finds is its own, created by this
  // import (one import per company runs at a time), so it is reported as created, once, and not created again.
  if (linkedAlready && resumedSince && linkedAlready.createdAt >= resumedSince)
    return { vendorId, name: linkedAlready.name, status: "created", reason: "" };
  if (linkedAlready) return skip(`already linked to ${linkedAlready.name}`);
  // An unlinked company of ours that linking would suggest for this vendor (same tax ID, or a name that differs
  // only in case, punctuation or suffix) is the same company: link it rather than start a duplicate.
  if (suggested) {
    const { count } = await db.accountingCompany.updateMany({
      where: { id: suggested.accountingCompanyId, companyId: user.companyId, intacctVendorId: null },
      data: { intacctVendorId: vendorId },
    });
    const ours = await db.accountingCompany.findFirst({
      where: { id: suggested.accountingCompanyId, companyId: user.companyId },
      select: { name: true },
    });
    const label = ours?.name ?? "the suggested accounting company";
    if (count === 1)
      return {
        vendorId,
        name: label,
        status: "linked",
        reason: suggested.reason === "tax-id" ? "same tax ID as this vendor" : "same name as this vendor",
      };
    return skip(`${label} was linked by someone else meanwhile`);
  }
  // Names are unique per company (case-insensitively, like the unique index): the same name is the same company.
  const [sameName] = await db.$queryRaw<{ id: string; name: string; intacctVendorId: string | null }[]>`
    SELECT id::text, name, "intacctVendorId" FROM "AccountingCompany"
    WHERE "companyId" = ${user.companyId}::uuid AND lower(name) = lower(${name}) LIMIT 1`;
  if (sameName?.intacctVendorId)
    return skip(`${sameName.name} already exists here, linked to Sage vendor ${sameName.intacctVendorId}`);
  if (sameName) {
    const { count } = await db.accountingCompany.updateMany({
      where: { id: sameName.id, companyId: user.companyId, intacctVendorId: null },
      data: { intacctVendorId: vendorId },
    });
    return count === 1
      ? { vendorId, name: sameName.name, status: "linked", reason: "an accounting company with this name existed" }
      : skip(`${sameName.name} was linked by someone else meanwhile`);
  }
  try {
    await db.accountingCompany.create({
      data: { ...fields, name, companyId: user.companyId, intacctVendorId: vendorId },
    });
  } catch (error) {
    if (isUniqueViolation(error)) return skip(`an accounting company named ${name} was created meanwhile`);
    throw error;
  }
  return { vendorId, name, status: "created", reason: "" };
}

/**
 * Imports one batch of vendors (≤ VENDOR_IMPORT_BATCH): one query to Intacct, then one accounting company per
 * vendor. Safe to repeat: a vendor already linked is skipped, so a retried or doubled batch creates nothing twice.
 * The import job (vendor-import-jobs.ts) runs a large import as a series of these. `client` is for tests; by default
 * the company's connection. `resumedSince`: the batch is a re-run of an import that started then (see importOne).
 */
export async function importVendors(
  db: Db,
  user: SessionUser,
  input: z.output<typeof ZImportVendorsInput>,
  options: { client?: IntacctClient; resumedSince?: Date } = {},
): Promise<VendorImportSummary> {
  const vendorIds = [...new Set(input.vendorIds)];
  let records: Map<string, XmlRecord>;
  try {
    const client = options.client ?? (await getIntacctClientForCompany(db, user.companyId));
    records = await readVendors(client, vendorIds);
  } catch (error) {
    const failure = importFailure(error);
    await writeAudit(db, user, "integration.import-vendors", "failure", failure.userMessage);
    throw failure;
  }
  const suggestions = new Map((await suggestVendorLinks(db, user)).map((s) => [s.externalId, s]));
  const outcomes: VendorImportOutcome[] = [];
  for (const vendorId of vendorIds) {
    const record = records.get(vendorId);
    outcomes.push(
      record
        ? await importOne(db, user, vendorId, record, suggestions.get(vendorId), options.resumedSince)
        : { vendorId, name: vendorId, status: "skipped", reason: "not found in Sage Intacct (deleted there?)" },
    );
  }
  const count = (status: VendorImportOutcome["status"]) => outcomes.filter((o) => o.status === status).length;
  const summary = { created: count("created"), linked: count("linked"), skipped: count("skipped"), outcomes };
  await writeAudit(
    db,
    user,
    "integration.import-vendors",
    "success",
    `Imported from Sage Intacct: ${summary.created} created, ${summary.linked} linked, ${summary.skipped} skipped (${vendorIds.join(", ")})`,
  );
  return summary;
}
