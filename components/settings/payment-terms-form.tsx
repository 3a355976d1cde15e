"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { savePaymentTermsAction } from "@/app/(app)/settings/company/actions";
import { ActionAlert } from "@/components/forms/action-message";
import { readActionErrors, type FormErrors } from "@/components/forms/action-result";
import { Field, Select } from "@/components/forms/fields";
import { Button } from "@/components/ui/button";
import { Alert, Card } from "@/components/ui/card";

export function PaymentTermsForm({
  initialDays,
  terms,
}: {
  initialDays: number;
  terms: { days: number; label: string }[];
}) {
  const router = useRouter();
  const [days, setDays] = useState(String(initialDays));
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const [saved, setSaved] = useState(false);
  const [pending, setPending] = useState(false);

  const save = async () => {
    setPending(true);
    setSaved(false);
    const result = await savePaymentTermsAction({ days: Number(days) });
    setPending(false);
    const outcome = readActionErrors(result);
    if (outcome.message) return setErrors(outcome);
    setErrors({ fields: {} });
    setSaved(true);
    router.refresh();
  };

  return (
    <Card title="Invoice payment terms">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        className="space-y-4 p-4"
      >
        <Field
          label="Payment terms"
          htmlFor="payment-terms"
          error={errors.fields.days}
          hint="A new invoice's due date starts at its invoice date plus these terms; it can be changed on the invoice. Sage Intacct receives each invoice's due date."
          className="max-w-md"
        >
          <Select
            id="payment-terms"
            value={days}
            onChange={(e) => {
              setSaved(false);
              setDays(e.target.value);
            }}
          >
            {terms.map((term) => (
              <option key={term.days} value={term.days}>
                {term.label}
              </option>
            ))}
          </Select>
        </Field>
        <ActionAlert message={errors} retry="save again" />
        {saved ? <Alert tone="success">Payment terms saved.</Alert> : null}
        <div className="flex justify-end">
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save"}
          </Button>
        </div>
      </form>
    </Card>
  );
}
