import { z } from "zod";
import { ZControlId, compactNode, parseInput, type IntacctFunction } from "../function";
import type { XmlNode } from "../xml-build";
import { readList, type XmlRecord } from "../xml-parse";
import { formatDecimal, formatGenericDate } from "../xml-values";

const ZDecimal = z.union([z.number().finite(), z.string().min(1)]);
const ZDate = z.union([z.date(), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD")]);
const ZId = z.string().min(1);

/** §10 WFTYPE values. */
export const ESTIMATE_WORKFLOW_TYPES = [
  "original",
  "revision",
  "forecast",
  "pending change",
  "approved change",
  "other",
] as const;

// §10: the documented PJESTIMATEENTRY fields only (Sage's project estimates page). LOCATIONID is not among them:
// an entry's entity follows its estimate's project. `.strict()` refuses an undocumented field instead of dropping it.
export const ZEstimateEntry = z
  .strictObject({
    taskId: ZId.optional(),
    costTypeId: ZId.optional(),
    /** §10: the element is ACCOUNTNO, not GLACCOUNTNO. */
    accountNo: ZId.optional(),
    amount: ZDecimal.optional(),
    quantity: ZDecimal.optional(),
    unitCost: ZDecimal.optional(),
    wfType: z.enum(ESTIMATE_WORKFLOW_TYPES).default("original"),
    effectiveDate: ZDate.optional(),
    memo: z.string().optional(),
    departmentId: ZId.optional(),
    itemId: ZId.optional(),
    vendorId: ZId.optional(),
    employeeId: ZId.optional(),
    customerId: ZId.optional(),
    classId: ZId.optional(),
    contractId: ZId.optional(),
  })
  .superRefine((entry, context) => {
    if (entry.costTypeId && !entry.taskId)
      context.addIssue({ code: "custom", path: ["costTypeId"], message: "costTypeId needs taskId" });
    // §10: AMOUNT, or QTY × UNITCOST.
    if (entry.amount === undefined && (entry.quantity === undefined || entry.unitCost === undefined)) {
      context.addIssue({ code: "custom", path: ["amount"], message: "give amount, or quantity and unitCost" });
    }
  });
export type EstimateEntryInput = z.input<typeof ZEstimateEntry>;

export const ZCreateEstimateInput = z.object({
  controlId: ZControlId,
  /** Optional when the tenant uses document sequencing (§10). */
  estimateId: ZId.optional(),
  projectId: ZId,
  description: z.string().optional(),
  isPrimary: z.boolean().optional(),
  posted: z.boolean().optional(),
  estimateTypeName: ZId.optional(),
  glBudgetId: ZId.optional(),
  estimateDate: ZDate.optional(),
  postTo: z.enum(["First period", "All periods", "Estimate date", "Effective date"]).optional(),
  status: z.enum(["active", "inactive", "finalized"]).optional(),
  entries: z.array(ZEstimateEntry).min(1),
});
export type CreateEstimateInput = z.input<typeof ZCreateEstimateInput>;

export const ZUpdateEstimateInput = z
  .object({
    controlId: ZControlId,
    recordNo: ZId.optional(),
    estimateId: ZId.optional(),
    description: z.string().optional(),
    status: z.enum(["active", "inactive", "finalized"]).optional(),
    /**
     * §10: entries are ADDED (an update cannot delete entries). For budget changes send new `approved change`
     * (or `pending change`) entries with an effectiveDate rather than editing the originals.
     */
    entries: z.array(ZEstimateEntry).default([]),
  })
  .refine((input) => input.recordNo !== undefined || input.estimateId !== undefined, {
    message: "recordNo or estimateId is required",
    path: ["recordNo"],
  });
export type UpdateEstimateInput = z.input<typeof ZUpdateEstimateInput>;

const decimal = (field: string, value: number | string | undefined) =>
  value === undefined ? undefined : formatDecimal(field, value);
const genericDate = (value: Date | string | undefined) => (value === undefined ? undefined : formatGenericDate(value));

function toEntryNode(entry: z.output<typeof ZEstimateEntry>): XmlNode {
  // Generic objects take their fields in any order (§2).
  return compactNode({
    TASKID: entry.taskId,
    COSTTYPEID: entry.costTypeId,
    ACCOUNTNO: entry.accountNo,
    AMOUNT: decimal("amount", entry.amount),
    QTY: decimal("quantity", entry.quantity),
    UNITCOST: decimal("unitCost", entry.unitCost),
    WFTYPE: entry.wfType,
    EFFECTIVEDATE: genericDate(entry.effectiveDate),
    MEMO: entry.memo,
    DEPARTMENTID: entry.departmentId,
    ITEMID: entry.itemId,
    VENDORID: entry.vendorId,
    EMPLOYEEID: entry.employeeId,
    CUSTOMERID: entry.customerId,
    CLASSID: entry.classId,
    CONTRACTID: entry.contractId,
  });
}

// ─── reading estimate entries ────────────────────────────────────────────────────────────────────────────────

export type IntacctEstimateEntry = { recordNo: string; memo: string; wfType: string; amount: string };

export const ESTIMATE_ENTRY_FIELDS = ["RECORDNO", "PJESTIMATEID", "MEMO", "WFTYPE", "AMOUNT"];

export function toEstimateEntry(record: Record<string, unknown>): IntacctEstimateEntry {
  const text = (field: string) => (typeof record[field] === "string" ? (record[field] as string) : "");
  return { recordNo: text("RECORDNO"), memo: text("MEMO"), wfType: text("WFTYPE"), amount: text("AMOUNT") };
}

/**
 * The entries a PJESTIMATE read (fields `*`) carries under `<ENTRIES><pjestimateentry>` (§10): the keys the status
 * check later matches budget lines by. The wrapper's case is not pinned down, so both are accepted.
 */
export function toEstimateEntriesOf(record: XmlRecord | undefined): IntacctEstimateEntry[] {
  if (!record) return [];
  for (const wrapper of ["ENTRIES", "entries"]) {
    const node = record[wrapper];
    if (node === undefined || typeof node === "string") continue;
    for (const container of readList(node))
      for (const name of ["pjestimateentry", "PJESTIMATEENTRY"])
        if (container[name] !== undefined) return readList(container[name]).map(toEstimateEntry);
  }
  return [];
}

const bool = (value: boolean | undefined) => (value === undefined ? undefined : String(value));

export function buildCreateProjectEstimate(input: CreateEstimateInput): IntacctFunction {
  const estimate = parseInput(ZCreateEstimateInput, input, "project estimate");
  return {
    name: "create",
    controlId: estimate.controlId,
    kind: "write",
    idField: "PJESTIMATEID",
    body: {
      create: {
        PJESTIMATE: compactNode({
          PJESTIMATEID: estimate.estimateId,
          PROJECTID: estimate.projectId,
          DESCRIPTION: estimate.description,
          ISPRIMARY: bool(estimate.isPrimary),
          POSTED: bool(estimate.posted),
          PJESTIMATETYPENAME: estimate.estimateTypeName,
          GLBUDGETID: estimate.glBudgetId,
          ESTIMATEDATE: genericDate(estimate.estimateDate),
          POSTTO: estimate.postTo,
          STATUS: estimate.status,
          ENTRIES: { PJESTIMATEENTRY: estimate.entries.map(toEntryNode) },
        }),
      },
    },
  };
}

export function buildUpdateProjectEstimate(input: UpdateEstimateInput): IntacctFunction {
  const estimate = parseInput(ZUpdateEstimateInput, input, "project estimate update");
  return {
    name: "update",
    controlId: estimate.controlId,
    kind: "write",
    idField: "PJESTIMATEID",
    body: {
      update: {
        PJESTIMATE: compactNode({
          RECORDNO: estimate.recordNo,
          PJESTIMATEID: estimate.estimateId,
          DESCRIPTION: estimate.description,
          STATUS: estimate.status,
          ENTRIES: estimate.entries.length > 0 ? { PJESTIMATEENTRY: estimate.entries.map(toEntryNode) } : undefined,
        }),
      },
    },
  };
}
