import { ActionMessage } from "@/components/forms/action-message";
import type { FormErrors } from "@/components/forms/action-result";
import { Alert } from "@/components/ui/card";
import { Button, ButtonLink } from "@/components/ui/button";

export function FormFooter({ errors, pending, cancelHref, label = "Save" }: { errors: FormErrors; pending: boolean; cancelHref: string; label?: string }) {
  return (
    <div className="space-y-3">
      {errors.message ? (
        <Alert tone="error">
          <ActionMessage message={errors} retry="save again" />
        </Alert>
      ) : null}
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
