// Whether the records a URL names belong to the signed-in user's company (and the item to the project in its
// path). The proxy asks before Next renders anything: on an in-app navigation Next renders only the changed
// segment and streams it with status 200 before the page's own check can say 404, so a replayed navigation
// naming another company's project got an empty tab with 200. The pages still check for themselves; this only
// makes the status right. Every query is scoped by companyId.
import "server-only";
import type { Db } from "@/lib/db/client";

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const PROJECT_PATH = new RegExp(`^/projects/(${UUID})(?:/([a-z-]+)(?:/(${UUID}))?)?(?:/|$)`, "i");
const CATALOG_PATH = new RegExp(`^/(contacts/accounting-companies|lists/cost-codes)/(${UUID})(?:/|$)`, "i");

/** True when the path names no record, or only records of this company; false for anything else's. */
export async function ownsRouteRecords(db: Db, companyId: string, pathname: string): Promise<boolean> {
  const catalog = CATALOG_PATH.exec(pathname);
  if (catalog) {
    const [, section, id] = catalog as unknown as [string, string, string];
    const where = { id, companyId };
    const count =
      section === "lists/cost-codes" ? await db.costCode.count({ where }) : await db.accountingCompany.count({ where });
    return count === 1;
  }
  const project = PROJECT_PATH.exec(pathname);
  if (!project) return true;
  const [, projectId, section, itemId] = project as unknown as [string, string, string | undefined, string | undefined];
  if ((await db.project.count({ where: { id: projectId, companyId } })) !== 1) return false;
  if (!itemId) return true;
  const inProject = { id: itemId, companyId, projectId };
  const viaContract = { id: itemId, companyId, contract: { projectId } };
  switch (section) {
    case "contracts":
      return (await db.contract.count({ where: inProject })) === 1;
    case "budget-changes":
      return (await db.budgetChange.count({ where: inProject })) === 1;
    case "contract-changes":
      return (await db.contractChange.count({ where: viaContract })) === 1;
    case "invoices":
      return (await db.invoice.count({ where: viaContract })) === 1;
    default:
      return true;
  }
}
