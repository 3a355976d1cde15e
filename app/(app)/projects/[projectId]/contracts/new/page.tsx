import { ContractForm } from "@/components/items/forms/contract-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/current-user";
import { requireProjectId } from "@/lib/auth/page-helpers";
import { CAN_EDIT } from "@/lib/auth/roles";
import { listAllCostCodes } from "@/lib/cost-codes/cost-codes";
import { listAccountingCompanyOptions } from "@/lib/contacts/accounting-companies";
import { getDb } from "@/lib/db/client";
import { todayInZone } from "@/lib/format/dates";

export default async function NewContractPage({ params }: { params: Promise<{ projectId: string }> }) {
  const user = await requireUser(CAN_EDIT);
  const projectId = await requireProjectId(user, (await params).projectId);
  const db = getDb();
  const [costCodes, vendors] = await Promise.all([listAllCostCodes(db, user), listAccountingCompanyOptions(db, user)]);
  return (
    <>
      <PageHeader title="New contract" />
      <ContractForm
        projectId={projectId}
        costCodes={costCodes}
        vendors={vendors}
        initial={{
          accountingCompanyId: "",
          number: "",
          title: "",
          description: "",
          startDate: todayInZone(user.timeZone),
          endDate: "",
          retainagePercent: "10",
          lines: [],
        }}
      />
    </>
  );
}
