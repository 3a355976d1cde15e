// The glue between "Import from Sage Intacct" and the queue: the import's job is inserted in the transaction that
// stores the import, so neither exists without the other, and the workers are woken when it commits.
import "server-only";
import type PgBoss from "pg-boss";
import type { EnqueueVendorImport } from "@/lib/integrations/sage-intacct/references/links/vendor-import-jobs";
import { getWebBoss, insertJobs, QUEUES, type VendorImportJobData } from "./queue";

export function enqueueVendorImportWith(boss: PgBoss): EnqueueVendorImport {
  return (tx, importId) => {
    const data: VendorImportJobData = { importId };
    return insertJobs(boss, tx, [{ name: QUEUES.vendorImport, data }]);
  };
}

/** For server actions: enqueue through this process's queue client. */
export const enqueueVendorImport: EnqueueVendorImport = async (tx, importId) =>
  enqueueVendorImportWith(await getWebBoss())(tx, importId);
