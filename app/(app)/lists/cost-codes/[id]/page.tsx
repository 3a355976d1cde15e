import { CostCodeForm } from "@/components/items/cost-code-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/current-user";
import { orNotFound, requireUuid } from "@/lib/auth/page-helpers";
import { CAN_EDIT, hasRole } from "@/lib/auth/roles";
import { getCostCode } from "@/lib/cost-codes/cost-codes";
import { getDb } from "@/lib/db/client";

// Only same-site paths are accepted as the place to go back to (the ••• menu of a budget or ACR passes one).
function safeReturnTo(value: string | undefined): string {
  return value && value.startsWith("/") && !value.startsWith("//") ? value : "/lists/cost-codes";
}

export default async function CostCodePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ returnTo?: string }> }) {
  const user = await requireUser();
  const row = await orNotFound(getCostCode(getDb(), user, requireUuid((await params).id)));
  const returnTo = safeReturnTo((await searchParams).returnTo);
  return (
    <>
      <PageHeader title={`${row.code} ${row.name}`} subtitle="Cost code" />
      <CostCodeForm initial={{ id: row.id, code: row.code, name: row.name }} returnTo={returnTo} readOnly={!hasRole(user.role, CAN_EDIT)} />
    </>
  );
}
