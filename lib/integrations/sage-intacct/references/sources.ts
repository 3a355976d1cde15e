// What each cached reference type is in Intacct (docs/intacct/gateway.md §8) and how one record becomes one IntacctReference row.
// Everything is read without a STATUS filter: inactive records are cached too (active=false), because existing
// links must keep showing them while pickers stop offering them.
import type { IntacctClient, XmlRecord } from "@/lib/intacct";
import type { ReferenceType } from "@/lib/generated/prisma/enums";

export type ReferenceRow = {
  externalId: string;
  name: string;
  active: boolean;
  recordNo: string;
  scope: string;
  parentId: string;
  data: Record<string, string>;
  whenModified: string;
};

export type SourceOptions = { modifiedSince?: Date; expectMultiplePages?: boolean };

type Source = { label: string; list: (client: IntacctClient, options: SourceOptions) => AsyncIterable<ReferenceRow[]> };

// §7: STATUS shows "active"/"inactive" in responses; anything but "active" is not offered for new links.
const isActive = (status: string | undefined) => (status ?? "").toLowerCase() === "active";

// §7: `query` pages of up to 2,000 records (the most per round trip), two in flight (the tier-1 concurrency, §11).
const PAGE = { pageSize: 2000, concurrency: 2 } as const;

async function* mapPages<T>(
  pages: AsyncIterable<T[]>,
  map: (record: T) => ReferenceRow,
): AsyncIterable<ReferenceRow[]> {
  for await (const page of pages) yield page.map(map);
}

const compact = (data: Record<string, string | undefined>): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) if (value) out[key] = value;
  return out;
};

function field(record: XmlRecord, name: string): string {
  const value = record[name];
  return typeof value === "string" ? value : "";
}

function formatTimestamp(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(date.getUTCMonth() + 1)}/${pad(date.getUTCDate())}/${date.getUTCFullYear()} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

// Vendors go through the generic `query` rather than listVendors: matching needs TAXID, which the typed list does not
// select. Same ordering (RECORDNO) and paging as the typed lists.
function listVendorRows(client: IntacctClient, options: SourceOptions): AsyncIterable<ReferenceRow[]> {
  const pages = client.query(
    {
      object: "VENDOR",
      select: ["RECORDNO", "VENDORID", "NAME", "STATUS", "TAXID", "TERMNAME", "CURRENCY", "WHENMODIFIED"],
      filter: options.modifiedSince
        ? { field: "WHENMODIFIED", op: "greaterthanorequalto", value: formatTimestamp(options.modifiedSince) }
        : undefined,
      pageSize: PAGE.pageSize,
    },
    { concurrency: PAGE.concurrency, expectMultiplePages: options.expectMultiplePages },
  );
  return mapPages(pages, (r) => ({
    externalId: field(r, "VENDORID"),
    name: field(r, "NAME"),
    active: isActive(field(r, "STATUS")),
    recordNo: field(r, "RECORDNO"),
    scope: "",
    parentId: "",
    data: compact({ taxId: field(r, "TAXID"), termName: field(r, "TERMNAME"), currency: field(r, "CURRENCY") }),
    whenModified: field(r, "WHENMODIFIED"),
  }));
}

export const SOURCES: Record<ReferenceType, Source> = {
  VENDOR: { label: "Vendors", list: listVendorRows },
  PROJECT: {
    label: "Projects",
    list: (client, o) =>
      mapPages(client.listProjects({ modifiedSince: o.modifiedSince, ...PAGE }), (r) => ({
        externalId: r.projectId,
        name: r.name,
        active: isActive(r.status),
        recordNo: r.recordNo,
        scope: "",
        // §8: LOCATIONID is the project's entity in a multi-entity company; the settings page warns on a mismatch.
        parentId: r.locationId ?? "",
        data: compact({
          projectStatus: r.projectStatus,
          projectCategory: r.projectCategory,
          customerId: r.customerId,
          parentProjectId: r.parentId,
        }),
        whenModified: r.whenModified ?? "",
      })),
  },
  ENTITY: {
    label: "Entities",
    list: (client, o) =>
      mapPages(client.listEntities({ modifiedSince: o.modifiedSince, ...PAGE }), (r) => ({
        externalId: r.locationId,
        name: r.name,
        active: isActive(r.status),
        recordNo: r.recordNo,
        scope: "",
        parentId: "",
        data: {},
        whenModified: r.whenModified ?? "",
      })),
  },
  GL_ACCOUNT: {
    label: "GL accounts",
    list: (client, o) =>
      mapPages(client.listGlAccounts({ modifiedSince: o.modifiedSince, ...PAGE }), (r) => ({
        externalId: r.accountNo,
        name: r.title,
        active: isActive(r.status),
        recordNo: r.recordNo,
        scope: "",
        parentId: "",
        data: compact({ accountType: r.accountType, normalBalance: r.normalBalance }),
        whenModified: r.whenModified ?? "",
      })),
  },
  STANDARD_TASK: {
    label: "Standard cost codes",
    list: (client, o) =>
      mapPages(client.listStandardTasks({ modifiedSince: o.modifiedSince, ...PAGE }), (r) => ({
        externalId: r.standardTaskId,
        name: r.name,
        active: isActive(r.status),
        recordNo: r.recordNo,
        scope: "",
        parentId: "",
        data: compact({ taskNo: r.taskNo }),
        whenModified: r.whenModified ?? "",
      })),
  },
  STANDARD_COST_TYPE: {
    label: "Standard cost types",
    list: (client, o) =>
      mapPages(client.listStandardCostTypes({ modifiedSince: o.modifiedSince, ...PAGE }), (r) => ({
        externalId: r.standardCostTypeId,
        name: r.name,
        active: isActive(r.status),
        recordNo: r.recordNo,
        scope: "",
        parentId: r.parentId ?? "",
        data: compact({
          accountNo: r.accountNo,
          accumulationTypeName: r.accumulationTypeName,
          costUnitDescription: r.costUnitDescription,
        }),
        whenModified: r.whenModified ?? "",
      })),
  },
  ITEM: {
    label: "Items",
    list: (client, o) =>
      mapPages(client.listItems({ modifiedSince: o.modifiedSince, ...PAGE }), (r) => ({
        externalId: r.itemId,
        name: r.name,
        active: isActive(r.status),
        recordNo: r.recordNo,
        scope: "",
        parentId: "",
        data: compact({ itemType: r.itemType }),
        whenModified: r.whenModified ?? "",
      })),
  },
  TRANSACTION_DEFINITION: {
    label: "Transaction definitions",
    list: (client, o) =>
      mapPages(client.listTransactionDefinitions({ modifiedSince: o.modifiedSince, ...PAGE }), (r) => ({
        externalId: r.docParId,
        name: r.description || r.docParId,
        active: isActive(r.status),
        recordNo: r.recordNo,
        scope: "",
        parentId: "",
        data: compact({ category: r.category }),
        whenModified: r.whenModified ?? "",
      })),
  },
  // §8: TASKID is unique only within its project, so the project is part of the identity (scope).
  TASK: {
    label: "Project tasks",
    list: (client, o) =>
      mapPages(client.listTasks({ modifiedSince: o.modifiedSince, ...PAGE }), (r) => ({
        externalId: r.taskId,
        name: r.name,
        active: isActive(r.status),
        recordNo: r.recordNo,
        scope: r.projectId,
        parentId: r.standardTaskId ?? "",
        data: compact({ taskNo: r.taskNo, taskStatus: r.taskStatus }),
        whenModified: r.whenModified ?? "",
      })),
  },
  // §8: a cost type is unique per project and task.
  COST_TYPE: {
    label: "Project cost types",
    list: (client, o) =>
      mapPages(client.listCostTypes({ modifiedSince: o.modifiedSince, ...PAGE }), (r) => ({
        externalId: r.costTypeId,
        name: r.name,
        active: isActive(r.status),
        recordNo: r.recordNo,
        scope: `${r.projectId}/${r.taskId}`,
        parentId: r.standardCostTypeId ?? "",
        data: compact({ accountNo: r.accountNo }),
        whenModified: r.whenModified ?? "",
      })),
  },
};

export const REFERENCE_TYPES = Object.keys(SOURCES) as ReferenceType[];

export function referenceTypeLabel(type: ReferenceType): string {
  return SOURCES[type].label;
}

/** Intacct timestamps ('mm/dd/yyyy HH:MM:SS', UTC in the gateway's generic format, §7) as a Date; undefined when unreadable. */
export function parseIntacctTimestamp(value: string): Date | undefined {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})(?: (\d{2}):(\d{2}):(\d{2}))?$/.exec(value.trim());
  if (!m) return undefined;
  const [, mo, d, y, h = "0", mi = "0", s = "0"] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
  return Number.isNaN(date.getTime()) ? undefined : date;
}
