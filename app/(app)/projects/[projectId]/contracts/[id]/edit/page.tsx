import { notFound } from "next/navigation";
import { ContractForm } from "@/components/items/forms/contract-form";
import { Alert } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/current-user";
import { orNotFound, requireUuid } from "@/lib/auth/page-helpers";
import { CAN_EDIT } from "@/lib/auth/roles";
import { listAllCostCodes } from "@/lib/cost-codes/cost-codes";
import { listAccountingCompanyOptions } from "@/lib/contacts/accounting-companies";
import { getDb } from "@/lib/db/client";
import { isEditable } from "@/lib/financials/approval";
import { getContract } from "@/lib/financials/contracts";
import { toDateInput } from "@/lib/format/dates";
import { centsToInput } from "@/lib/format/money";

export default async function EditContractPage({ params }: { params: Promise<{ projectId: string; id: string }> }) {
  const user = await requireUser(CAN_EDIT);
  const { projectId, id } = await params;
  const db = getDb();
  const contract = await orNotFound(getContract(db, user, requireUuid(id)));
  if (contract.projectId !== projectId) notFound();
  if (!isEditable(contract.status)) return <Alert tone="info">This contract can no longer be edited.</Alert>;
  const [costCodes, vendors] = await Promise.all([listAllCostCodes(db, user), listAccountingCompanyOptions(db, user)]);
  return (
    <>
      <PageHeader title={`Edit ${contract.number}`} />
      <ContractForm
        projectId={projectId}
        costCodes={costCodes}
        vendors={vendors}
        initial={{
          id: contract.id,
          accountingCompanyId: contract.accountingCompanyId,
          number: contract.number,
          title: contract.title,
          description: contract.description,
          startDate: toDateInput(contract.startDate),
          endDate: toDateInput(contract.endDate),
          retainagePercent: String(contract.retainageBps / 100),
          lines: contract.lines.map((l) => ({
            costCodeId: l.costCodeId,
            description: l.description,
            amount: centsToInput(l.amountCents),
          })),
        }}
      />
    </>
  );
}
