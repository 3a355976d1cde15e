import type { FormErrors } from "@/components/forms/action-result";
import { Alert } from "@/components/ui/card";

/**
 * What an action said, inside the panel's own alert or notice. When the session ended while the page was open,
 * it also offers a way back that keeps the page: signing in here would navigate away and lose what was typed or
 * chosen; another tab keeps it.
 */
export function ActionMessage({
  message,
  retry = "try again",
}: {
  message: Pick<FormErrors, "message" | "signedOut">;
  retry?: string;
}) {
  if (!message.message) return null;
  return (
    <>
      {message.message}
      {message.signedOut ? (
        <>
          {" "}
          <a href="/login" target="_blank" rel="noopener" className="font-semibold underline">
            Sign in in a new tab
          </a>
          , then {retry}: nothing on this page is lost.
        </>
      ) : null}
    </>
  );
}

/** The usual frame of an action's message: an alert box (error unless the notice says otherwise), or nothing. */
export function ActionAlert({
  message,
  tone = "error",
  retry,
}: {
  message: Pick<FormErrors, "message" | "signedOut"> | null | undefined;
  tone?: "error" | "success" | "info";
  retry?: string;
}) {
  if (!message?.message) return null;
  return (
    <Alert tone={tone}>
      <ActionMessage message={message} retry={retry} />
    </Alert>
  );
}
