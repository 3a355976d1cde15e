// What a person sees when work against Sage Intacct failed out of their sight (a reference refresh, a vendor
// import): our own refusal or the Intacct client's message for admins, else the caller's own fallback sentence.
import { isAppError } from "@/lib/errors/app-error";
import { toUserMessage } from "@/lib/errors/user-message";
import { isIntacctError } from "@/lib/intacct";

export function toIntacctUserMessage(error: unknown, fallback: string): string {
  return toUserMessage(error, fallback, [isAppError, isIntacctError]);
}
