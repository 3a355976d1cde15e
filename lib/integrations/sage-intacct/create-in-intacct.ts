// Create in Intacct what exists only here (as Procore's connector exports companies and projects): a VENDOR from an
// accounting company, a PROJECT from a project, then link ours to it. Exactly once per record: the control id is
// derived from our record (§6: Intacct refuses a completed control id, so a double click, a retry after no answer or
// two admins at once cannot create two vendors); a failed attempt may be retried with another id.
import "server-only";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { ZId } from "@/lib/validation/fields";
import { buildCreateProject, buildCreateVendor, type IntacctClient, type WriteOutcome } from "@/lib/intacct";
import { writeAudit } from "../audit";
import { getIntacctClientForCompany } from "./client-factory";
import { refreshReferences } from "./references";
import { ZIntacctId } from "./references/links/shared";

const MAX_PER_REQUEST = 100;

export type CreationOutcome = {
  localId: string;
  label: string;
  status: "created" | "skipped" | "failed";
  externalId: string | null;
  detail: string;
};

/**
 * The next vendor id in the company's pattern: the most common "prefix + number" shape of the cached vendor ids
 * (V-1027 → V-1028, keeping the width), or V-0001 when there is none to follow.
 */
export async function suggestNextVendorId(db: Db, companyId: string, taken: ReadonlySet<string> = new Set()) {
  const rows = await db.intacctReference.findMany({
    where: { companyId, type: "VENDOR", scope: "" },
    select: { externalId: true },
  });
  const shapes = new Map<string, { count: number; max: number; width: number }>();
  for (const { externalId } of rows) {
    const m = /^(.*?)(\d+)$/.exec(externalId);
    if (!m) continue;
    const [, prefix = "", digits = ""] = m;
    const key = `${prefix}|${digits.length}`;
    const shape = shapes.get(key) ?? { count: 0, max: 0, width: digits.length };
    shape.count++;
    shape.max = Math.max(shape.max, Number(digits));
    shapes.set(key, shape);
  }
  const [best] = [...shapes.entries()].sort((a, b) => b[1].count - a[1].count);
  const prefix = best ? best[0].split("|")[0] : "V-";
  let next = best ? best[1].max + 1 : 1;
  const width = best ? best[1].width : 4;
  const all = new Set([...rows.map((r) => r.externalId), ...taken]);
  let id = `${prefix}${String(next).padStart(width, "0")}`;
  while (all.has(id)) id = `${prefix}${String(++next).padStart(width, "0")}`;
  return id;
}

function describeFailure(outcome: Exclude<WriteOutcome, { status: "done" }>): string {
  if (outcome.status === "unknown")
    return `Sage Intacct did not answer (${outcome.error.userMessage}). Try again: it will not be created twice.`;
  return outcome.error.userMessage;
}

async function clientFor(db: Db, user: SessionUser, client?: IntacctClient): Promise<IntacctClient> {
  return client ?? getIntacctClientForCompany(db, user.companyId);
}

export const ZCreateVendorsInput = z.object({
  companies: z
    .array(z.object({ accountingCompanyId: ZId, vendorId: z.union([z.literal(""), ZIntacctId]).default("") }))
    .min(1, "Choose at least one accounting company")
    .max(MAX_PER_REQUEST),
});

/** VENDORs from accounting companies with no Intacct vendor (name, tax ID, address, contact), each then linked. */
export async function createVendorsInIntacct(
  db: Db,
  user: SessionUser,
  input: z.output<typeof ZCreateVendorsInput>,
  options: { client?: IntacctClient } = {},
): Promise<CreationOutcome[]> {
  const ids = input.companies.map((c) => c.accountingCompanyId);
  const companies = await db.accountingCompany.findMany({ where: { companyId: user.companyId, id: { in: ids } } });
  const byId = new Map(companies.map((c) => [c.id, c]));
  const outcomes: CreationOutcome[] = [];
  const toSend: { company: (typeof companies)[number]; vendorId: string }[] = [];
  const taken = new Set<string>();
  for (const wanted of input.companies) {
    const company = byId.get(wanted.accountingCompanyId);
    if (!company) throw new AppError("NOT_FOUND", "That accounting company was not found.");
    if (company.intacctVendorId) {
      outcomes.push({
        localId: company.id,
        label: company.name,
        status: "skipped",
        externalId: company.intacctVendorId,
        detail: `already linked to Sage vendor ${company.intacctVendorId}`,
      });
      continue;
    }
    const vendorId = wanted.vendorId || (await suggestNextVendorId(db, user.companyId, taken));
    taken.add(vendorId);
    toSend.push({ company, vendorId });
  }
  if (toSend.length > 0) {
    const client = await clientFor(db, user, options.client);
    const results = await client.executeWrites(
      toSend.map(({ company, vendorId }) =>
        buildCreateVendor({
          controlId: `vendor-${company.id}-${vendorId}`,
          vendorId,
          name: company.name.slice(0, 100),
          taxId: company.taxId,
          contact: {
            email: company.email,
            phone: company.phone,
            address1: company.address,
            city: company.city,
            state: company.state,
            zip: company.postalCode,
          },
        }),
      ),
    );
    for (const [i, { company, vendorId }] of toSend.entries()) {
      const result = results[i] as WriteOutcome;
      if (result.status !== "done") {
        outcomes.push({
          localId: company.id,
          label: company.name,
          status: "failed",
          externalId: null,
          detail: `Vendor ID ${vendorId}: ${describeFailure(result)}`,
        });
        continue;
      }
      await db.accountingCompany.updateMany({
        where: { id: company.id, companyId: user.companyId, intacctVendorId: null },
        data: { intacctVendorId: vendorId },
      });
      outcomes.push({ localId: company.id, label: company.name, status: "created", externalId: vendorId, detail: "" });
    }
    if (outcomes.some((o) => o.status === "created"))
      await refreshReferences(db, user.companyId, { types: ["VENDOR"], client }).catch(() => undefined);
  }
  await auditCreations(db, user, "integration.create-vendor", "vendor", outcomes);
  return outcomes;
}

export const ZCreateProjectsInput = z.object({
  projects: z
    .array(z.object({ projectId: ZId, entityId: z.union([z.literal(""), ZIntacctId]).default("") }))
    .min(1, "Choose at least one project")
    .max(MAX_PER_REQUEST),
});

/** PROJECTs from our projects (our number as PROJECTID, with the project's entity), each then linked. */
export async function createProjectsInIntacct(
  db: Db,
  user: SessionUser,
  input: z.output<typeof ZCreateProjectsInput>,
  options: { client?: IntacctClient } = {},
): Promise<CreationOutcome[]> {
  const projects = await db.project.findMany({
    where: { companyId: user.companyId, id: { in: input.projects.map((p) => p.projectId) } },
  });
  const byId = new Map(projects.map((p) => [p.id, p]));
  const outcomes: CreationOutcome[] = [];
  const toSend: { project: (typeof projects)[number]; entityId: string }[] = [];
  for (const wanted of input.projects) {
    const project = byId.get(wanted.projectId);
    if (!project) throw new AppError("NOT_FOUND", "That project was not found.");
    const label = `${project.number} ${project.name}`;
    if (project.intacctProjectId) {
      outcomes.push({
        localId: project.id,
        label,
        status: "skipped",
        externalId: project.intacctProjectId,
        detail: `already linked to Intacct project ${project.intacctProjectId}`,
      });
      continue;
    }
    toSend.push({ project, entityId: wanted.entityId || project.intacctEntityId || "" });
  }
  if (toSend.length > 0) {
    const client = await clientFor(db, user, options.client);
    const results = await client.executeWrites(
      toSend.map(({ project, entityId }) =>
        buildCreateProject({
          controlId: `project-${project.id}-${project.number}`,
          projectId: project.number,
          name: project.name.slice(0, 100),
          description: [project.city, project.state].filter(Boolean).join(", ") || undefined,
          locationId: entityId || undefined,
        }),
      ),
    );
    for (const [i, { project, entityId }] of toSend.entries()) {
      const result = results[i] as WriteOutcome;
      const label = `${project.number} ${project.name}`;
      if (result.status !== "done") {
        outcomes.push({
          localId: project.id,
          label,
          status: "failed",
          externalId: null,
          detail: describeFailure(result),
        });
        continue;
      }
      await db.project.updateMany({
        where: { id: project.id, companyId: user.companyId, intacctProjectId: null },
        data: { intacctProjectId: project.number, ...(entityId ? { intacctEntityId: entityId } : {}) },
      });
      outcomes.push({ localId: project.id, label, status: "created", externalId: project.number, detail: "" });
    }
    if (outcomes.some((o) => o.status === "created"))
      await refreshReferences(db, user.companyId, { types: ["PROJECT"], client }).catch(() => undefined);
  }
  await auditCreations(db, user, "integration.create-project", "project", outcomes);
  return outcomes;
}

async function auditCreations(
  db: Db,
  user: SessionUser,
  action: "integration.create-vendor" | "integration.create-project",
  noun: string,
  outcomes: CreationOutcome[],
): Promise<void> {
  const failed = outcomes.filter((o) => o.status === "failed");
  const detail = outcomes
    .map((o) =>
      o.status === "created"
        ? `created ${noun} ${o.externalId} from ${o.label}`
        : `${o.status} ${o.label}${o.detail ? ` (${o.detail})` : ""}`,
    )
    .join("; ");
  await writeAudit(db, user, action, failed.length ? "failure" : "success", detail);
}
