// Typed builders for creating master data with the generic `create` (§2): VENDOR, PROJECT and TASK (§8). One record
// per function, so each has its own control id (its idempotency key under uniqueid=true, §6) and its own outcome
// when many go in one request.
import { z } from "zod";
import { ZControlId, compactNode, parseInput, type IntacctFunction } from "../function";
import type { XmlNode } from "../xml-build";

// §8: Intacct ids are at most 20 characters.
const ZRecordId = z
  .string()
  .trim()
  .min(1, "is required")
  .max(20, "must be at most 20 characters (Intacct limit)")
  .regex(/^[^\s'"<>&]+(?: [^\s'"<>&]+)*$/, "must not contain quotes, <, >, & or leading/trailing spaces");
const ZName = z.string().trim().min(1, "is required").max(100, "must be at most 100 characters");
const ZOptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .optional()
    .transform((v) => (v ? v : undefined));

export const ZCreateVendorInput = z.object({
  controlId: ZControlId,
  vendorId: ZRecordId,
  name: ZName,
  taxId: ZOptionalText(20),
  vendorType: ZOptionalText(40),
  termName: ZOptionalText(40),
  contact: z
    .object({
      phone: ZOptionalText(30),
      email: ZOptionalText(200),
      address1: ZOptionalText(200),
      city: ZOptionalText(80),
      state: ZOptionalText(40),
      zip: ZOptionalText(30),
    })
    .optional(),
});
export type CreateVendorInput = z.input<typeof ZCreateVendorInput>;

/** `create` VENDOR with its display contact (PRINTAS is required on a contact; we print the vendor's name). */
export function buildCreateVendor(input: CreateVendorInput): IntacctFunction {
  const v = parseInput(ZCreateVendorInput, input, "vendor");
  const c: Partial<NonNullable<typeof v.contact>> = v.contact ?? {};
  const address = compactNode({ ADDRESS1: c.address1, CITY: c.city, STATE: c.state, ZIP: c.zip });
  return {
    name: "create",
    controlId: v.controlId,
    kind: "write",
    idField: "VENDORID",
    body: {
      create: {
        VENDOR: compactNode({
          VENDORID: v.vendorId,
          NAME: v.name,
          VENDTYPE: v.vendorType,
          TAXID: v.taxId,
          TERMNAME: v.termName,
          DISPLAYCONTACT: compactNode({
            PRINTAS: v.name,
            PHONE1: c.phone,
            EMAIL1: c.email,
            MAILADDRESS: Object.keys(address).length ? address : undefined,
          }),
        }),
      },
    },
  };
}

/** §8 PROJECTCATEGORY values. */
export const PROJECT_CATEGORIES = ["Contract", "Capitalized", "Internal Billable", "Internal Non-billable"] as const;

export const ZCreateProjectInput = z.object({
  controlId: ZControlId,
  projectId: ZRecordId,
  name: ZName,
  description: ZOptionalText(1000),
  category: z.enum(PROJECT_CATEGORIES).default("Contract"),
  projectStatus: ZOptionalText(40),
  /** §8: the project's entity; required when created at the top level of a multi-entity company. */
  locationId: ZOptionalText(20),
  customerId: ZOptionalText(20),
});
export type CreateProjectInput = z.input<typeof ZCreateProjectInput>;

export function buildCreateProject(input: CreateProjectInput): IntacctFunction {
  const p = parseInput(ZCreateProjectInput, input, "project");
  return {
    name: "create",
    controlId: p.controlId,
    kind: "write",
    idField: "PROJECTID",
    body: {
      create: {
        PROJECT: compactNode({
          PROJECTID: p.projectId,
          NAME: p.name,
          DESCRIPTION: p.description,
          PROJECTCATEGORY: p.category,
          PROJECTSTATUS: p.projectStatus,
          LOCATIONID: p.locationId,
          CUSTOMERID: p.customerId,
        }),
      },
    },
  };
}

export const ZCreateTaskInput = z.object({
  controlId: ZControlId,
  projectId: ZRecordId,
  taskId: ZRecordId,
  name: ZName,
  /** §8: a task built from a standard task gets that standard task's cost types created with it. */
  standardTaskId: ZRecordId.optional(),
  taskNo: ZOptionalText(20),
  taskStatus: ZOptionalText(40),
});
export type CreateTaskInput = z.input<typeof ZCreateTaskInput>;

export function buildCreateTask(input: CreateTaskInput): IntacctFunction {
  const t = parseInput(ZCreateTaskInput, input, "project task");
  const task: XmlNode = compactNode({
    TASKID: t.taskId,
    NAME: t.name,
    PROJECTID: t.projectId,
    STANDARDTASKID: t.standardTaskId,
    TASKNO: t.taskNo,
    TASKSTATUS: t.taskStatus,
  });
  return { name: "create", controlId: t.controlId, kind: "write", idField: "TASKID", body: { create: { TASK: task } } };
}
