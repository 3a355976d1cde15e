import { Alert } from "@/components/ui/card";
import { Button, ButtonLink } from "@/components/ui/button";

export function FormFooter({ message, pending, cancelHref, label = "Save" }: { message?: string; pending: boolean; cancelHref: string; label?: string }) {
  return (
    <div className="space-y-3">
      {message ? <Alert tone="error">{message}</Alert> : null}
      <div className="flex justify-end gap-2">
        <ButtonLink variant="secondary" href={cancelHref}>
          Cancel
        </ButtonLink>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : label}
        </Button>
      </div>
    </div>
  );
}
