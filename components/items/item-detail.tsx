import type { ReactNode } from "react";
import { Alert } from "@/components/ui/card";
import type { ItemStatus } from "@/lib/generated/prisma/enums";

// The notes every item detail page shows under its header: why it is locked, or why it was rejected.
export function ItemStatusNote({ status, rejectionReason, lockedNote }: { status: ItemStatus; rejectionReason: string; lockedNote: ReactNode }) {
  if (status === "REJECTED" && rejectionReason) return <Alert tone="warning">Rejected: {rejectionReason}</Alert>;
  if (status === "APPROVED") return <Alert tone="info">{lockedNote}</Alert>;
  if (status === "PENDING_APPROVAL") return <Alert tone="info">Waiting for approval. It cannot be edited until it is approved or rejected.</Alert>;
  return null;
}
