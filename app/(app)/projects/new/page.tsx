import { ProjectForm } from "@/components/items/project-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/current-user";
import { CAN_EDIT } from "@/lib/auth/roles";

export default async function NewProjectPage() {
  await requireUser(CAN_EDIT);
  return (
    <>
      <PageHeader title="New project" />
      <ProjectForm initial={{ number: "", name: "", city: "", state: "" }} />
    </>
  );
}
