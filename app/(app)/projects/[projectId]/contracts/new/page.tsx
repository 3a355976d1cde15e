import { ContractForm } from "@/components/items/forms/contract-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/current-user";
import { requireUuid } from "@/lib/auth/page-helpers";
import { CAN_EDIT } from "@/lib/auth/roles";
import { listAllCostCodes } from "@/lib/cost-codes/cost-codes";
import { getDb } from "@/lib/db/client";
import { toDateInput } from "@/lib/format/dates";

export default async function NewContractPage({ params }: { params: Promise<{ projectId: string }> }) {
  const user = await requireUser(CAN_EDIT);
  const projectId = requireUuid((await params).projectId);
  const db = getDb();
  const [costCodes, vendors] = await Promise.all([listAllCostCodes(db, user), db.accountingCompany.findMany({ where: { companyId: user.companyId }, orderBy: { name: "asc" }, select: { id: true, name: true } })]);
  return (
    <>
      <PageHeader title="New contract" />
      <ContractForm projectId={projectId} costCodes={costCodes} vendors={vendors} initial={{ accountingCompanyId: "", number: "", title: "", description: "", startDate: toDateInput(new Date()), endDate: "", retainagePercent: "10", lines: [] }} />
    </>
  );
}
