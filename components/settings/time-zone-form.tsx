"use client";

import { useRouter } from "next/navigation";
import { useState, useSyncExternalStore } from "react";
import { saveTimeZoneAction } from "@/app/(app)/settings/company/actions";
import { ActionAlert } from "@/components/forms/action-message";
import { readActionErrors, type FormErrors } from "@/components/forms/action-result";
import { Field, Select } from "@/components/forms/fields";
import { Button } from "@/components/ui/button";
import { Alert, Card } from "@/components/ui/card";

// The browser's zone does not change while the page is open.
const noSubscription = () => () => {};

/**
 * The company's time zone: every time in the app is shown in it. Until one is saved the form offers the admin's
 * browser zone (read after hydration, so the server's HTML and the browser's first render agree).
 */
export function TimeZoneForm({ initial, isSet, zones }: { initial: string; isSet: boolean; zones: string[] }) {
  const router = useRouter();
  // The browser's zone is read on the client only; the server (and hydration) renders the saved one.
  const browserZone = useSyncExternalStore(
    noSubscription,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    () => initial,
  );
  const [chosen, setChosen] = useState<string | null>(null);
  const timeZone = chosen ?? (!isSet && zones.includes(browserZone) ? browserZone : initial);
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const [saved, setSaved] = useState(false);
  const [pending, setPending] = useState(false);

  const save = async () => {
    setPending(true);
    setSaved(false);
    const result = await saveTimeZoneAction({ timeZone });
    setPending(false);
    const outcome = readActionErrors(result);
    if (outcome.message || Object.keys(outcome.fields).length) return setErrors(outcome);
    setErrors({ fields: {} });
    setSaved(true);
    router.refresh();
  };

  return (
    <Card title="Time zone">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        className="space-y-4 p-4"
      >
        <Field
          label="Company time zone"
          htmlFor="company-time-zone"
          error={errors.fields.timeZone}
          hint={
            isSet
              ? "Every time in the app (sync history, runs, approvals, activity) is shown in this zone. Calendar dates such as due dates are not shifted."
              : "Not set yet: times are shown in UTC. Your browser's zone is suggested; save to use it."
          }
          className="max-w-md"
        >
          <Select
            id="company-time-zone"
            value={timeZone}
            invalid={Boolean(errors.fields.timeZone)}
            onChange={(e) => {
              setSaved(false);
              setChosen(e.target.value);
            }}
          >
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replaceAll("_", " ")}
              </option>
            ))}
          </Select>
        </Field>
        <ActionAlert message={errors} retry="save again" />
        {saved ? <Alert tone="success">Time zone saved.</Alert> : null}
        <div className="flex justify-end">
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save time zone"}
          </Button>
        </div>
      </form>
    </Card>
  );
}
