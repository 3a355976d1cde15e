"use client";

import { useAction } from "next-safe-action/hooks";
import { useRouter } from "next/navigation";
import { readActionErrors } from "@/components/forms/action-result";

// Shared save behaviour of the item forms: run the action, then go to the saved item's page.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each form passes its own typed action
export function useSave<A extends (input: any) => Promise<any>>(action: A, redirectTo: (id: string) => string) {
  const router = useRouter();
  const state = useAction(action, {
    onSuccess: ({ data }) => {
      const id = (data as { id?: string } | undefined)?.id;
      if (!id) return;
      router.push(redirectTo(id));
      router.refresh();
    },
  });
  return { ...state, errors: readActionErrors(state.result as Parameters<typeof readActionErrors>[0]) };
}
