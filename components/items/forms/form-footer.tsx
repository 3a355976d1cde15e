import type { FormErrors } from "@/components/forms/action-result";
import { Alert } from "@/components/ui/card";
import { Button, ButtonLink } from "@/components/ui/button";

export function FormFooter({ errors, pending, cancelHref, label = "Save" }: { errors: FormErrors; pending: boolean; cancelHref: string; label?: string }) {
  return (
    <div className="space-y-3">
      {errors.message ? (
        <Alert tone="error">
          {errors.message}
          {/* Signing in here would leave the page and lose what was typed; another tab keeps it. */}
          {errors.signedOut ? (
            <>
              {" "}
              <a href="/login" target="_blank" rel="noopener" className="font-semibold underline">
                Sign in in a new tab
              </a>
              , then save again: what you typed here stays.
            </>
          ) : null}
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
