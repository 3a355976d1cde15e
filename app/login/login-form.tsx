"use client";

import { useAction } from "next-safe-action/hooks";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { readActionErrors } from "@/components/forms/action-result";
import { Field, TextInput } from "@/components/forms/fields";
import { Alert } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { signInAction } from "./actions";

export function LoginForm({ next }: { next: string }) {
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const { execute, result, isPending } = useAction(signInAction, { onSuccess: () => router.replace(next) });
  const errors = readActionErrors(result);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        execute({ email, password });
      }}
      className="space-y-4"
    >
      {errors.message ? <Alert tone="error">{errors.message}</Alert> : null}
      <Field label="Email" htmlFor="email" error={errors.fields.email}>
        <TextInput
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          invalid={Boolean(errors.fields.email)}
          required
        />
      </Field>
      <Field label="Password" htmlFor="password" error={errors.fields.password}>
        <TextInput
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          invalid={Boolean(errors.fields.password)}
          required
        />
      </Field>
      <Button type="submit" className="w-full" disabled={isPending}>
        {isPending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
