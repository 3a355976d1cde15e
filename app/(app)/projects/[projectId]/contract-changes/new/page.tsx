import { notFound } from "next/navigation";
import { ContractChangeForm } from "@/components/items/forms/contract-change-form";
import { ButtonLink } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/current-user";
import { isUuid, orNotFound, requireUuid } from "@/lib/auth/page-helpers";
import { CAN_EDIT } from "@/lib/auth/roles";
import { listAllCostCodes } from "@/lib/cost-codes/cost-codes";
import { getDb } from "@/lib/db/client";
import { getContract } from "@/lib/financials/contracts";
import { loadContractLineOptions } from "@/lib/financials/form-options";

export default async function NewContractChangePage({ params, searchParams }: { params: Promise<{ projectId: string }>; searchParams: Promise<{ contractId?: string }> }) {
  const user = await requireUser(CAN_EDIT);
  const projectId = requireUuid((await params).projectId);
  const contractId = (await searchParams).contractId ?? "";
  const db = getDb();
  if (!isUuid(contractId)) {
    const approved = await db.contract.findMany({ where: { projectId, companyId: user.companyId, status: "APPROVED" }, orderBy: { number: "asc" }, include: { accountingCompany: true } });
    return (
      <>
        <PageHeader title="New contract change" subtitle="Choose the approved contract to change." />
        {approved.length === 0 ? <EmptyState title="No approved contracts">A contract must be approved before it can be changed.</EmptyState> : (
          <Card>
            <ul className="divide-y divide-slate-100">
              {approved.map((c) => (
                <li key={c.id} className="flex items-center justify-between px-4 py-3 text-sm">
                  <span>{c.number} · {c.title} · {c.accountingCompany.name}</span>
                  <ButtonLink size="sm" variant="secondary" href={`?contractId=${c.id}`}>Choose</ButtonLink>
                </li>
              ))}
            </ul>
          </Card>
        )}
      </>
    );
  }
  const contract = await orNotFound(getContract(db, user, contractId));
  if (contract.projectId !== projectId) notFound();
  if (contract.status !== "APPROVED") return <EmptyState title="This contract is not approved yet">Changes can be recorded once the contract is approved.</EmptyState>;
  const [costCodes, contractLines, count] = await Promise.all([listAllCostCodes(db, user), loadContractLineOptions(db, user, contract.id), db.contractChange.count({ where: { contractId: contract.id } })]);
  return (
    <>
      <PageHeader title="New contract change" subtitle={`${contract.number} · ${contract.title} · ${contract.accountingCompany.name}`} />
      <ContractChangeForm projectId={projectId} contractId={contract.id} contractLines={contractLines} costCodes={costCodes} initial={{ number: `CO-${String(count + 1).padStart(2, "0")}`, title: "", reason: "", lines: [] }} />
    </>
  );
}
