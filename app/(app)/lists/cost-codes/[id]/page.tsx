import { CostCodeForm } from "@/components/items/cost-code-form";
import { CostCodeLinkEditor } from "@/components/links/cost-code-link-editor";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/current-user";
import { orNotFound, requireUuid } from "@/lib/auth/page-helpers";
import { CAN_EDIT, hasRole } from "@/lib/auth/roles";
import { getCostCode } from "@/lib/cost-codes/cost-codes";
import { getDb } from "@/lib/db/client";
import { getCostCodeLink } from "@/lib/integrations/sage-intacct/references/links";

// Only our own project and list pages are accepted as the place to go back to (the ••• menu of a budget or ACR
// passes one): never another site ("//x", "/\x"), whatever shape the query string takes.
function safeReturnTo(value: string | string[] | undefined): string {
  const first = Array.isArray(value) ? value[0] : value;
  return first && /^\/(projects|lists)\/[\w\-/]*$/.test(first) ? first : "/lists/cost-codes";
}

export default async function CostCodePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ returnTo?: string | string[] }>;
}) {
  const user = await requireUser();
  const db = getDb();
  const row = await orNotFound(getCostCode(db, user, requireUuid((await params).id)));
  const link = await getCostCodeLink(db, user, row.id);
  const returnTo = safeReturnTo((await searchParams).returnTo);
  const readOnly = !hasRole(user.role, CAN_EDIT);
  return (
    <>
      <PageHeader title={`${row.code} ${row.name}`} subtitle="Cost code" />
      <div className="space-y-6">
        <Card title="Connected Accounting Cost Code">
          <div className="p-4">
            <CostCodeLinkEditor
              costCodeId={row.id}
              code={row.code}
              readOnly={readOnly}
              initial={
                link.standardTask
                  ? {
                      externalId: link.standardTask.externalId,
                      name: link.standardTask.name,
                      active: link.standardTask.active,
                    }
                  : link.intacctStandardTaskId
                    ? {
                        externalId: link.intacctStandardTaskId,
                        name: "not in the records loaded from Intacct",
                        active: true,
                      }
                    : null
              }
              suggestion={
                link.suggestion
                  ? { externalId: link.suggestion.externalId, name: link.suggestion.name, active: true }
                  : null
              }
            />
          </div>
        </Card>
        <CostCodeForm
          initial={{ id: row.id, code: row.code, name: row.name }}
          returnTo={returnTo}
          readOnly={readOnly}
        />
      </div>
    </>
  );
}
