// Which accounting provider serves a company: the one its connection is for (cal.com's getCrm by credential type).
// A company that has never connected gets the default, whose plans then say how to connect.
import "server-only";
import type { Db } from "@/lib/db/client";
import type { IntegrationProvider } from "@/lib/generated/prisma/enums";
import type { AccountingProvider } from "./provider";
import { sageIntacctProvider } from "./sage-intacct/provider";

const PROVIDERS: Record<IntegrationProvider, AccountingProvider> = { SAGE_INTACCT: sageIntacctProvider };
const DEFAULT_PROVIDER: IntegrationProvider = "SAGE_INTACCT";

export async function getAccountingProvider(db: Db, companyId: string): Promise<AccountingProvider> {
  const connection = await db.integrationConnection.findFirst({
    where: { companyId, status: { not: "DISCONNECTED" } },
    orderBy: { updatedAt: "desc" },
    select: { provider: true },
  });
  return PROVIDERS[connection?.provider ?? DEFAULT_PROVIDER];
}
