import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/current-user";
import { requireProjectId } from "@/lib/auth/page-helpers";

export default async function ProjectIndex({ params }: { params: Promise<{ projectId: string }> }) {
  // Another company's project is a 404 here too, not a redirect that confirms nothing but still answers.
  const projectId = await requireProjectId(await requireUser(), (await params).projectId);
  redirect(`/projects/${projectId}/budget`);
}
