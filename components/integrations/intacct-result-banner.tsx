import { Alert } from "@/components/ui/card";
import type { ConnectionFailure } from "@/lib/integrations/types";

/** The outcome of the last connect, test or disconnect: what worked, or what failed and what to do about it. */
export type Banner = { kind: "success"; text: string } | { kind: "failure"; failure: ConnectionFailure } | null;

export function ResultBanner({ banner }: { banner: Banner }) {
  if (banner?.kind === "success")
    return (
      <Alert tone="success" role="status">
        {banner.text}
      </Alert>
    );
  if (banner?.kind === "failure")
    return (
      <Alert tone="error">
        <p className="font-semibold">{banner.failure.title}</p>
        <p className="mt-1">{banner.failure.message}</p>
      </Alert>
    );
  return null;
}
