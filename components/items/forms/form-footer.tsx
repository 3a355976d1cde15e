import { ActionAlert } from "@/components/forms/action-message";
import type { FormErrors } from "@/components/forms/action-result";
import { Button, ButtonLink } from "@/components/ui/button";

export function FormFooter({
  errors,
  pending,
  cancelHref,
  label = "Save",
}: {
  errors: FormErrors;
  pending: boolean;
  cancelHref: string;
  label?: string;
}) {
  return (
    <div className="space-y-3">
      <ActionAlert message={errors} retry="save again" />
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
