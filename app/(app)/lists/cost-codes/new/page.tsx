import { CostCodeForm } from "@/components/items/cost-code-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/current-user";
import { CAN_EDIT } from "@/lib/auth/roles";

export default async function NewCostCodePage() {
  await requireUser(CAN_EDIT);
  return (
    <>
      <PageHeader title="New cost code" />
      <CostCodeForm initial={{ code: "", name: "" }} returnTo="/lists/cost-codes" />
    </>
  );
}
